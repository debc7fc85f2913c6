/** `removeHeader`: drops a header from the current message (absent is fine). */
import type { RemoveHeaderStep } from '../../model/sequences.js';
import type { StepHandler } from '../types.js';

export const removeHeaderStep: StepHandler<RemoveHeaderStep> = (step, state) => {
  delete state.message.headers[step.name.toLowerCase()];
};
