/**
 * The sequence engine: runs a sequence's steps in order against a message, within
 * the run's limits, recording one trace entry per executed step. A run ends when
 * the steps run out (the message is the result), a step responds, or a step fails
 * (the failure becomes a JSON error response). It never hangs: a timer ends the run
 * at its deadline and aborts whatever call is in flight.
 */
import { GatewayError } from '../errors.js';
import type { Sequence, SequenceLimits, Step } from '../model/sequences.js';
import { faultResponse, runError, traceError, type FaultResponse } from './faults.js';
import { stepHandlers } from './registry.js';
import type {
  Message,
  RequestView,
  RunHost,
  RunLimits,
  RunShared,
  RunState,
  StepAt,
  StepHandler,
  TraceEntry,
} from './types.js';

/** Limits of a run when the sequence document sets none. */
export const DEFAULT_LIMITS: RunLimits = {
  timeoutMs: 30_000,
  maxSteps: 1_000,
  maxIterations: 100,
  maxBodyBytes: 10 * 1024 * 1024,
};

/** The document's limits over the defaults. */
export function resolveLimits(limits: SequenceLimits | undefined): RunLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** How a run ended. */
export type RunResult =
  | {
      /** `completed`: the steps ran out; `responded`: a `respond` step ended the run. */
      outcome: 'completed' | 'responded';
      message: Message;
      variables: Record<string, unknown>;
      trace: TraceEntry[];
      /** True when a `send` forwarded the message to the API's endpoint. */
      sent: boolean;
    }
  | {
      outcome: 'faulted';
      fault: FaultResponse;
      variables: Record<string, unknown>;
      trace: TraceEntry[];
      sent: boolean;
    };

export interface RunInput {
  request: RequestView;
  message: Message;
  /** Starting variables (the fault flow passes `error`). */
  variables?: Record<string, unknown>;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** A copy of the variables for a dry run's trace (they are JSON by construction). */
function snapshot(variables: Record<string, unknown>): Record<string, unknown> {
  return structuredClone(variables);
}

function checkBudget(state: RunState, path: string): void {
  const { shared } = state;
  if (performance.now() > shared.deadline)
    throw runError(
      'SEQUENCE_TIMEOUT',
      `sequence "${shared.sequence}" ran past its time limit of ${shared.limits.timeoutMs} ms (at step ${path})`,
    );
  shared.stepsRun++;
  if (shared.stepsRun > shared.limits.maxSteps)
    throw runError(
      'SEQUENCE_LIMIT',
      `sequence "${shared.sequence}" went over its limit of ${shared.limits.maxSteps} steps (at step ${path})`,
    );
}

/** Runs `steps` in order; nested steps get `${prefix}.${index}` paths. */
export async function runSteps(
  steps: readonly Step[],
  state: RunState,
  prefix: string,
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    if (state.responded) return;
    // Cancelled (a sibling branch faulted, or the run timed out): stop without tracing a step that never ran.
    if (state.signal.aborted) throw state.signal.reason;
    const path = prefix === '' ? String(index) : `${prefix}.${index}`;
    const entry: TraceEntry = {
      step: path,
      type: step.type,
      durationMs: 0,
      outcome: 'ok',
      sequence: state.shared.sequence,
    };
    state.shared.trace.push(entry);
    const at: StepAt = {
      path,
      runSteps,
      note: (detail) => Object.assign(entry, detail),
      skip: () => {
        entry.outcome = 'skipped';
      },
    };
    const started = performance.now();
    try {
      checkBudget(state, path);
      const handler = stepHandlers[step.type] as StepHandler;
      await handler(step, state, at);
      if (entry.error) entry.outcome = 'fault';
    } catch (error) {
      entry.outcome = 'fault';
      entry.error ??= traceError(error);
      throw error;
    } finally {
      entry.durationMs = round(performance.now() - started);
      if (state.shared.host.detailed) entry.variables = snapshot(state.scope.variables);
    }
  }
}

/** Runs a whole sequence; never rejects (failures become the `faulted` result). */
export async function runSequence(
  sequence: Sequence,
  input: RunInput,
  host: RunHost,
): Promise<RunResult> {
  const limits = resolveLimits(sequence.limits);
  const controller = new AbortController();
  const shared: RunShared = {
    host,
    sequence: sequence.name,
    limits,
    deadline: performance.now() + limits.timeoutMs,
    stepsRun: 0,
    trace: [],
    sent: false,
  };
  const state: RunState = {
    shared,
    request: input.request,
    message: input.message,
    scope: { variables: { ...input.variables }, written: new Set() },
    signal: host.signal ? AbortSignal.any([controller.signal, host.signal]) : controller.signal,
    responded: false,
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = runError(
        'SEQUENCE_TIMEOUT',
        `sequence "${sequence.name}" ran past its time limit of ${limits.timeoutMs} ms`,
      );
      controller.abort(error);
      reject(error);
    }, limits.timeoutMs);
  });
  const base = { variables: state.scope.variables, trace: shared.trace };
  try {
    await Promise.race([runSteps(sequence.steps, state, ''), timeout]);
    return {
      outcome: state.responded ? 'responded' : 'completed',
      message: state.message,
      ...base,
      sent: shared.sent,
    };
  } catch (error) {
    if (!(error instanceof GatewayError)) {
      host.logger.error('sequence failed', {
        sequence: sequence.name,
        requestId: host.requestId,
        error: String(error),
      });
    }
    return { outcome: 'faulted', fault: faultResponse(error), ...base, sent: shared.sent };
  } finally {
    clearTimeout(timer);
    // Whatever still runs (an abandoned branch) stops at its next step or call.
    if (!controller.signal.aborted)
      controller.abort(runError('SEQUENCE_ERROR', `sequence "${sequence.name}" already ended`));
  }
}
