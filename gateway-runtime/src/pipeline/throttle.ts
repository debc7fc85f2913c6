/**
 * Stage 5, throttle. The seam the rate-limit issue fills: burst, application,
 * subscription, API and operation policies counted in the CounterStore. Until then
 * every request is admitted; the shape of the decision is fixed now so the
 * pipeline and the analytics (`throttledBy`) need no change later.
 */
import { GatewayError } from '../errors.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { RequestContext } from './context.js';

/** Admit, or reject with the policy that was exceeded. */
export type ThrottleDecision = { admit: true } | { admit: false; policy: string; retryAfterSec: number };

export interface Throttler {
  check(ctx: RequestContext): Promise<ThrottleDecision>;
}

/** The throttler of this release: it admits everything. */
export function createThrottler(_counters: CounterStore): Throttler {
  const admit: ThrottleDecision = { admit: true };
  return { check: () => Promise.resolve(admit) };
}

/** The throttle stage: 429 with `Retry-After` when the throttler says no. */
export async function throttle(ctx: RequestContext, throttler: Throttler): Promise<void> {
  const decision = await throttler.check(ctx);
  if (decision.admit) return;
  ctx.throttledBy = decision.policy;
  throw new GatewayError('THROTTLED', `Over the limit of policy ${decision.policy}`, {
    'retry-after': String(decision.retryAfterSec),
  });
}
