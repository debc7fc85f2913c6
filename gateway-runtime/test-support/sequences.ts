/**
 * Runs sequences in unit tests without a gateway: a sample request, a host with a
 * recording logger, and `runSteps` to build a sequence from a list of steps.
 */
import { getGlobalDispatcher } from 'undici';
import type { Logger } from '../src/logger.js';
import { sequenceSchema, type Sequence, type SequenceLimits } from '../src/model/sequences.js';
import { messageOf } from '../src/sequences/body.js';
import { runSequence, type RunResult } from '../src/sequences/engine.js';
import type { HeaderMap, RequestView, RunHost } from '../src/sequences/types.js';

/** A logger that keeps every line. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

export interface SampleRequest {
  method?: string;
  path?: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: HeaderMap;
  /** Text as it is; anything else as JSON (content type set when absent). */
  body?: unknown;
}

export interface RunOptions {
  request?: SampleRequest;
  host?: Partial<RunHost>;
  limits?: SequenceLimits;
  variables?: Record<string, unknown>;
}

/** Validates the steps as a sequence named `test` (so tests use the real schema). */
export function sequenceOf(steps: unknown[], limits?: SequenceLimits): Sequence {
  return sequenceSchema.parse({ name: 'test', steps, ...(limits && { limits }) });
}

/** Runs steps against a sample request. */
export async function runSteps(steps: unknown[], options: RunOptions = {}): Promise<RunResult> {
  const sample = options.request ?? {};
  const headers: HeaderMap = { ...sample.headers };
  let raw = Buffer.alloc(0);
  if (typeof sample.body === 'string') raw = Buffer.from(sample.body, 'utf8');
  else if (sample.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    raw = Buffer.from(JSON.stringify(sample.body), 'utf8');
  }
  const message = messageOf(null, headers, raw);
  const request: RequestView = {
    method: sample.method ?? 'GET',
    path: sample.path ?? '/',
    pathParams: sample.pathParams ?? {},
    query: sample.query ?? {},
    headers: { ...headers },
    body: message.body,
  };
  const host: RunHost = {
    dispatcher: getGlobalDispatcher(),
    logger: recordingLogger(),
    sendTarget: null,
    detailed: true,
    ...options.host,
  };
  return runSequence(
    sequenceOf(steps, options.limits),
    { request, message, ...(options.variables && { variables: options.variables }) },
    host,
  );
}

/** The result's message, failing when the run faulted. */
export function messageFrom(result: RunResult) {
  if (result.outcome === 'faulted') throw new Error(`run faulted: ${JSON.stringify(result.fault)}`);
  return result.message;
}

/** The result's fault, failing when the run did not fault. */
export function faultFrom(result: RunResult) {
  if (result.outcome !== 'faulted') throw new Error(`run did not fault: ${result.outcome}`);
  return result.fault;
}
