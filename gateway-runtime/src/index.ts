/**
 * The public surface of the gateway runtime. The studio's main process imports
 * only this file (mostly `parseBundle` and the model types); the CLI and the child
 * entry build on `createGateway`.
 */
export {
  createGateway,
  GatewayConfigError,
  type Gateway,
  type GatewayDeps,
  type GatewayOptions,
  type HttpsListenerOptions,
  type AdminListenerOptions,
  type Listeners,
} from './gateway.js';
export * from './model/bundle.js';
export {
  parseBundle,
  formatPath,
  type BundleIssue,
  type ParseBundleResult,
} from './model/parse.js';
export { loadBundleFile } from './cli/load-bundle.js';
export { vendorRegistry } from './ai/registry.js';
export type { VendorAdapter, VendorSpec } from './ai/types.js';
export { parseCliArgs, usage, type CliOptions } from './cli/options.js';
export { hashApiKey } from './auth/index.js';
export { errorCatalogue, errorBody, type ErrorBody, type ErrorCode } from './errors.js';
export type { DeployResult, DenylistFilter } from './runtime/control.js';
export {
  counterKeys,
  type CounterStore,
  type CounterValue,
  type RateCharge,
  type RateCheck,
  type RateDecision,
  type RateResult,
} from './stores/counter-store.js';
export { MemoryCounterStore } from './stores/memory.js';
export { RedisCounterStore, type RedisCounterStoreOptions } from './stores/redis.js';
export { rateOf, type Rate } from './limits/gcra.js';
export type { TokenUsage } from './limits/tokens.js';
export type { ClusterOptions } from './sync/cluster.js';
export type { SecretStore } from './stores/secret-store.js';
export type { AnalyticsStore, EventsQuery } from './stores/analytics-store.js';
export type { AnalyticsEvent, AiUsage, SequenceTraceStep } from './analytics/event.js';
export {
  checkSequenceExpressions,
  DEFAULT_LIMITS as DEFAULT_SEQUENCE_LIMITS,
  type ExpressionIssue,
} from './sequences/index.js';
export type { SummaryGroup, SummaryQuery, SummaryResult, SummaryRow } from './analytics/summary.js';
export { jsonLineLogger, silentLogger, type Logger } from './logger.js';
export type { ChildMessage, ParentMessage } from './child-messages.js';
