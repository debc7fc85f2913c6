/** `transform`: evaluates its JSONata expression; the result becomes the message body. */
import type { TransformStep } from '../../model/sequences.js';
import { byteSize, setBody } from '../body.js';
import { evaluate } from '../expressions.js';
import { runError } from '../faults.js';
import type { StepHandler } from '../types.js';

export const transformStep: StepHandler<TransformStep> = async (step, state, at) => {
  const result = await evaluate(step.expression, state, at.path, 'expression');
  const limit = state.shared.limits.maxBodyBytes;
  if (byteSize(result) > limit)
    throw runError(
      'SEQUENCE_LIMIT',
      `step ${at.path} expression: the result is over the body limit of ${limit} bytes`,
    );
  setBody(state.message, result);
};
