/**
 * `call`: an HTTP request whose `{ status, headers, body }` lands in `variable` (the
 * body parsed: JSON, XML mapped to JSON, or text). The URL and header values are
 * templates; a string body is a template, an object body is JSON with its strings
 * rendered; the method defaults to GET, or POST with a body. Any status counts as an
 * answer. A timeout or connection failure faults (BACKEND_TIMEOUT,
 * BACKEND_UNREACHABLE) unless `onError: continue`, which stores
 * `{ status: 0, headers: {}, body: null, error: { code, message } }` and goes on.
 * Going over the run's body limit or time limit always faults.
 */
import { GatewayError } from '../../errors.js';
import type { CallStep } from '../../model/sequences.js';
import { parseBody } from '../body.js';
import { asText, render, renderDeep } from '../expressions.js';
import { runError, traceError } from '../faults.js';
import { exchange } from '../http.js';
import type { HeaderMap, StepHandler } from '../types.js';

/** Default timeout of a call without `timeoutMs`. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

export const callStep: StepHandler<CallStep> = async (step, state, at) => {
  const { endpoint } = step;
  const text = asText(await render(endpoint.url, state, at.path, 'endpoint.url'));
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || !/^https?:$/.test(url.protocol))
    throw runError(
      'SEQUENCE_ERROR',
      `step ${at.path} endpoint.url: "${text}" is not an absolute http:// or https:// URL`,
    );
  const method = endpoint.method ?? (endpoint.body === undefined ? 'GET' : 'POST');
  const headers: HeaderMap = {};
  for (const [name, template] of Object.entries(endpoint.headers ?? {}))
    headers[name.toLowerCase()] = asText(
      await render(template, state, at.path, `endpoint.headers.${name}`),
    );
  let body: Buffer | null = null;
  if (endpoint.body !== undefined) {
    const value = await renderDeep(endpoint.body, state, at.path, 'endpoint.body');
    if (typeof value === 'string') {
      body = Buffer.from(value, 'utf8');
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (value !== undefined && value !== null) {
      body = Buffer.from(JSON.stringify(value), 'utf8');
      headers['content-type'] ??= 'application/json';
    }
  }
  const started = performance.now();
  const target = `${url.origin}${url.pathname}${url.search}`;
  try {
    const response = await exchange(state.shared.host.dispatcher, {
      url,
      method,
      headers,
      body,
      timeoutMs: endpoint.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      signal: state.signal,
      maxBodyBytes: state.shared.limits.maxBodyBytes,
    });
    at.note({
      call: { url: target, method, status: response.status, durationMs: ms(started) },
    });
    state.scope.variables[step.variable] = {
      status: response.status,
      headers: response.headers,
      body: parseBody(response.raw, response.headers),
    };
  } catch (error) {
    at.note({ call: { url: target, method, status: 0, durationMs: ms(started) } });
    const recoverable =
      error instanceof GatewayError &&
      (error.code === 'BACKEND_TIMEOUT' || error.code === 'BACKEND_UNREACHABLE') &&
      !state.signal.aborted;
    if (!recoverable || (step.onError ?? 'fault') === 'fault') throw error;
    const failure = traceError(error);
    at.note({ error: failure });
    state.scope.variables[step.variable] = { status: 0, headers: {}, body: null, error: failure };
  }
  state.scope.written.add(step.variable);
};

const ms = (started: number) => Math.round((performance.now() - started) * 1000) / 1000;
