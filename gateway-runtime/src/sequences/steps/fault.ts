/** `fault`: ends the run with the step's status (default 500), code and rendered message. */
import type { FaultStep } from '../../model/sequences.js';
import { asText, render } from '../expressions.js';
import { SequenceFault } from '../faults.js';
import type { StepHandler } from '../types.js';

export const faultStep: StepHandler<FaultStep> = async (step, state, at) => {
  const message = asText(await render(step.message, state, at.path, 'message'));
  throw new SequenceFault(
    step.code,
    message,
    step.status ?? 500,
    `sequence "${state.shared.sequence}" faulted at step ${at.path}: ${message}`,
  );
};
