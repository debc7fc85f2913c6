/** `setHeader`: sets a header of the current message to its rendered value. */
import type { SetHeaderStep } from '../../model/sequences.js';
import { asText, render } from '../expressions.js';
import { runError } from '../faults.js';
import type { StepHandler } from '../types.js';

/** RFC 9110 token characters. */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const setHeaderStep: StepHandler<SetHeaderStep> = async (step, state, at) => {
  if (!headerName.test(step.name))
    throw runError(
      'SEQUENCE_ERROR',
      `step ${at.path} name: "${step.name}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~-)`,
    );
  const value = asText(await render(step.value, state, at.path, 'value'));
  if (/[\r\n\0]/.test(value))
    throw runError(
      'SEQUENCE_ERROR',
      `step ${at.path} value: a header value must not contain line breaks or NUL`,
    );
  state.message.headers[step.name.toLowerCase()] = value;
};
