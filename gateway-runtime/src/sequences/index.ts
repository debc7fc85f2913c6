/** The sequence engine's public surface (README "Sequences"). */
export { checkSequenceExpressions, type ExpressionIssue } from './check.js';
export {
  DEFAULT_LIMITS,
  resolveLimits,
  runSequence,
  type RunInput,
  type RunResult,
} from './engine.js';
export type { Message, RequestView, RunHost, RunLimits, TraceEntry } from './types.js';
