/**
 * The shapes the sequence engine works with: the message a run transforms, the
 * read-only view of the client's request, the run's state and its trace. Kept apart
 * from the engine so step handlers depend on types only.
 */
import type { Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import type { Step } from '../model/sequences.js';

/** Every step type of the model. */
export type StepType = Step['type'];

/** Header maps use lower-case names; repeated headers (set-cookie) stay arrays. */
export type HeaderMap = Record<string, string | string[]>;

/**
 * The message a run works on: the request on its way to the backend, then (after
 * `send`, in a response flow, or once a step responds) the response. `body` is the
 * parsed view expressions see; `raw` keeps the original bytes until a step changes the
 * body, so an untouched XML or binary body is forwarded byte for byte.
 */
export interface Message {
  /** Null while the message is still a request. */
  status: number | null;
  headers: HeaderMap;
  body: unknown;
  raw: Buffer | null;
}

/** The client's request as expressions see it (`request.*`); never changes during a run. */
export interface RequestView {
  method: string;
  /** The path after the API's `/{context}/{version}` (what `send` appends to the endpoint URL). */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: HeaderMap;
  body: unknown;
}

/** Resolved per-run limits (defaults filled in). */
export interface RunLimits {
  timeoutMs: number;
  maxSteps: number;
  maxIterations: number;
  maxBodyBytes: number;
}

/** Where `send` forwards: the API's HTTP endpoint for the request's key type. */
export interface SendTarget {
  origin: string;
  basePath: string;
  timeoutMs: number;
  /** The raw query string (with its `?`, or empty) appended to the forwarded path. */
  query: string;
}

/** One executed step, as the analytics event and the dry-run endpoint report it. */
export interface TraceEntry {
  /** Path of the step: `2`, `3.branches.1.0`, `4.cases.0.1`, `5.default.0`, `6.steps.0`. */
  step: string;
  type: StepType;
  durationMs: number;
  outcome: 'ok' | 'fault' | 'skipped';
  /** The sequence the step belongs to (a request may run several: request flow, endpoint, ...). */
  sequence: string;
  /** Dry runs only: the variables after the step. */
  variables?: Record<string, unknown>;
  /** `call` and `send`: what was called and how it went (status 0: no response). */
  call?: { url: string; method: string; status: number; durationMs: number };
  /** Why the step faulted (also set for a `call` that failed with `onError: continue`). */
  error?: { code: string; message: string };
  /** `log` steps in dry runs: what was logged. */
  log?: { level: string; message: string };
}

/** What a run needs from its host (the gateway pipeline or the dry-run endpoint). */
export interface RunHost {
  dispatcher: Dispatcher;
  logger: Logger;
  /** Null: `send` faults with SEQUENCE_ERROR naming why (`sendUnavailable`). */
  sendTarget: SendTarget | null;
  /** Why `send` cannot forward, when `sendTarget` is null. */
  sendUnavailable?: string;
  /** Dry runs: snapshot the variables and keep log lines in the trace. */
  detailed?: boolean;
  requestId?: string;
  /** Aborting it (the client went away) stops the run at its next step or call. */
  signal?: AbortSignal;
  /** Told how long `send` waited for the API's backend (the event's backendLatencyMs). */
  onBackendLatency?: (ms: number) => void;
}

/** State shared by every branch of one run. */
export interface RunShared {
  host: RunHost;
  sequence: string;
  limits: RunLimits;
  /** `performance.now()` by which the run must end. */
  deadline: number;
  stepsRun: number;
  trace: TraceEntry[];
  /** Set once a `send` forwarded the message to the API's endpoint. */
  sent: boolean;
}

/** Variables of one run; `written` tracks what a parallel branch set, for the join. */
export interface Scope {
  variables: Record<string, unknown>;
  written: Set<string>;
}

/** The state a step handler reads and changes. Parallel branches each get their own. */
export interface RunState {
  shared: RunShared;
  request: RequestView;
  message: Message;
  scope: Scope;
  /** Aborted when the run times out or a sibling parallel branch faulted. */
  signal: AbortSignal;
  /** Set by `respond`: the run ends with `message` as the response. */
  responded: boolean;
}

/** What a handler may use besides the state: its path, nesting, and trace notes. */
export interface StepAt {
  path: string;
  /** Runs nested steps; their paths are `${prefix}.${index}`. */
  runSteps(steps: readonly Step[], state: RunState, prefix: string): Promise<void>;
  /** Adds details to this step's trace entry. */
  note(detail: Pick<TraceEntry, 'call' | 'error' | 'log'>): void;
  /** Marks this step's outcome `skipped` (e.g. a switch where nothing matched). */
  skip(): void;
}

/** Runs one step of type `T`. */
export type StepHandler<T extends Step = Step> = (
  step: T,
  state: RunState,
  at: StepAt,
) => void | Promise<void>;

/** One handler per step type: the registry's type. */
export type StepHandlers = { [K in StepType]: StepHandler<Extract<Step, { type: K }>> };
