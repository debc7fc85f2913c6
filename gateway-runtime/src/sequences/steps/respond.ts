/**
 * `respond`: ends the run with a response. Status: the step's, else the current
 * message's (a backend response after `send`), else 200. Body: the step's (strings
 * rendered as templates, objects walked), else the current message's. Headers: the
 * current message's when it already is a response (request headers never leak
 * back), overlaid with the step's rendered headers.
 */
import type { RespondStep } from '../../model/sequences.js';
import { byteSize, setBody } from '../body.js';
import { asText, render, renderDeep } from '../expressions.js';
import { runError } from '../faults.js';
import type { HeaderMap, StepHandler } from '../types.js';

export const respondStep: StepHandler<RespondStep> = async (step, state, at) => {
  const message = state.message;
  const wasResponse = message.status !== null;
  const headers: HeaderMap = wasResponse ? { ...message.headers } : {};
  if (!wasResponse && message.raw && message.headers['content-type'])
    headers['content-type'] = message.headers['content-type'];
  for (const [name, template] of Object.entries(step.headers ?? {})) {
    const value = asText(await render(template, state, at.path, `headers.${name}`));
    if (/[\r\n\0]/.test(value))
      throw runError(
        'SEQUENCE_ERROR',
        `step ${at.path} headers.${name}: a header value must not contain line breaks or NUL`,
      );
    headers[name.toLowerCase()] = value;
  }
  if (step.body !== undefined) {
    const body = await renderDeep(step.body, state, at.path, 'body');
    const limit = state.shared.limits.maxBodyBytes;
    if (byteSize(body) > limit)
      throw runError(
        'SEQUENCE_LIMIT',
        `step ${at.path} body: over the body limit of ${limit} bytes`,
      );
    setBody(message, body);
  }
  message.headers = headers;
  message.status = step.status ?? message.status ?? 200;
  state.responded = true;
};
