/**
 * `send`: forwards the current message (method and path of the client's request,
 * the message's headers and body) to the API's HTTP endpoint for the request's key
 * type. The backend's response becomes the current message. Timeouts answer 504,
 * connection failures 502, as a plain proxy would.
 */
import type { HttpMethod } from '../../model/bundle.js';
import type { SendStep } from '../../model/sequences.js';
import { messageOf, outgoingHeaders, serializeBody } from '../body.js';
import { runError } from '../faults.js';
import { exchange } from '../http.js';
import type { Message, RequestView, RunHost, SendTarget, StepHandler } from '../types.js';

/** What one forward did, for the trace (status 0: no response). */
export interface ForwardReport {
  url: string;
  method: string;
  status: number;
  durationMs: number;
}

/** Forwards a message to an HTTP target; the response comes back as a message. */
export async function forwardMessage(
  host: RunHost,
  target: SendTarget,
  request: Pick<RequestView, 'method' | 'path'>,
  message: Message,
  options: { signal: AbortSignal; maxBodyBytes: number; report?: (r: ForwardReport) => void },
): Promise<Message> {
  const { bytes, contentType } = serializeBody(message);
  const headers = outgoingHeaders(message, contentType);
  delete headers.host;
  const url = new URL(target.basePath + request.path + target.query, target.origin);
  const method = request.method as HttpMethod;
  const started = performance.now();
  const report = (status: number) => {
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    host.onBackendLatency?.(durationMs);
    options.report?.({ url: url.href, method, status, durationMs });
  };
  try {
    const response = await exchange(host.dispatcher, {
      url,
      method,
      headers,
      body: bytes.length > 0 || !['GET', 'HEAD'].includes(method) ? bytes : null,
      timeoutMs: target.timeoutMs,
      signal: options.signal,
      maxBodyBytes: options.maxBodyBytes,
    });
    report(response.status);
    return messageOf(response.status, response.headers, response.raw);
  } catch (error) {
    report(0);
    throw error;
  }
}

export const sendStep: StepHandler<SendStep> = async (_step, state, at) => {
  const { host } = state.shared;
  const target = host.sendTarget;
  if (!target)
    throw runError(
      'SEQUENCE_ERROR',
      `step ${at.path}: send has nowhere to forward: ${host.sendUnavailable ?? 'no HTTP endpoint'}`,
    );
  state.message = await forwardMessage(host, target, state.request, state.message, {
    signal: state.signal,
    maxBodyBytes: state.shared.limits.maxBodyBytes,
    report: (call) => at.note({ call }),
  });
  state.shared.sent = true;
};
