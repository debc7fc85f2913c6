/**
 * AI token quotas: checked before the call (the throttle stage denies when a plan's
 * token counter has nothing left), charged after it with the usage the vendor
 * reported. A client that goes over a quota mid-stream finishes that response and
 * is throttled from its next request, until the counter has drained below the quota.
 *
 * The throttle stage remembers, per admitted request, which token counters apply;
 * `chargeTokens` charges them once.
 */
import type { RequestContext } from '../pipeline/context.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { TokenCounter } from './checks.js';
import type { TokenDimension } from './compile.js';

/** Token usage of one AI call. */
export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

interface Pending {
  store: CounterStore;
  counters: readonly TokenCounter[];
}

// Keyed by the context so nothing else in the pipeline has to carry it; gone with the request.
const pending = new WeakMap<RequestContext, Pending>();

const field: Record<TokenDimension, keyof TokenUsage> = {
  totalTokens: 'total',
  promptTokens: 'prompt',
  completionTokens: 'completion',
};

/** Called by the throttle stage for an admitted request with token quotas. */
export function rememberTokenCounters(
  ctx: RequestContext,
  store: CounterStore,
  counters: readonly TokenCounter[],
): void {
  if (counters.length > 0) pending.set(ctx, { store, counters });
}

/** True when the request counts against at least one token quota. */
export function hasTokenQuota(ctx: RequestContext): boolean {
  return pending.has(ctx);
}

/**
 * Charges a finished call's token usage to every token quota the request counts
 * against (its plan's and its application policy's). Call it once, when the usage is
 * known; later calls for the same request do nothing. It never rejects: the response
 * is already on its way, so a failure to count must not fail it.
 */
export async function chargeTokens(ctx: RequestContext, usage: TokenUsage): Promise<void> {
  const entry = pending.get(ctx);
  if (!entry) return;
  pending.delete(ctx);
  const charges = entry.counters.flatMap((counter) => {
    const cost = usage[field[counter.dimension]];
    return Number.isFinite(cost) && cost > 0
      ? [{ key: counter.key, rate: counter.rate, cost }]
      : [];
  });
  if (charges.length === 0) return;
  await entry.store.charge(charges).catch(() => undefined);
}
