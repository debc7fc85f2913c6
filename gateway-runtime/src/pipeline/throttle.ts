/**
 * Stage 5, throttle: burst, application, subscription, API and operation policies
 * (and AI token quotas) counted with GCRA in the CounterStore. All counters of a
 * request are checked and consumed in one atomic store call, so a request denied by
 * a later policy uses no quota of an earlier one, and parallel requests never get
 * past a limit together. Over a hard limit → 429 with `Retry-After`; every throttled
 * API's responses carry `RateLimit-Policy` and `RateLimit` headers.
 */
import { GatewayError } from '../errors.js';
import { planChecks } from '../limits/checks.js';
import { rateLimitHeaders } from '../limits/headers.js';
import { rememberTokenCounters } from '../limits/tokens.js';
import type { Deployment } from '../runtime/deployment.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { RequestContext } from './context.js';

/**
 * Admit (possibly over a soft quota, named by `exceeded`), or reject with the policy
 * that was exceeded. `headers` are the RateLimit headers to send either way.
 */
export type ThrottleDecision =
  | { admit: true; headers?: Record<string, string> | null; exceeded?: string | null }
  | {
      admit: false;
      policy: string;
      retryAfterSec: number;
      headers?: Record<string, string> | null;
    };

export interface Throttler {
  check(ctx: RequestContext, deployment?: Deployment | null): Promise<ThrottleDecision>;
}

const ADMIT: ThrottleDecision = { admit: true };

/** The throttler over a counter store; policies come from the deployment the request started on. */
export function createThrottler(counters: CounterStore): Throttler {
  return {
    async check(ctx, deployment) {
      if (!deployment) return ADMIT;
      const { checks, tokens } = planChecks(ctx, deployment.bundle);
      if (checks.length === 0) return ADMIT;
      const decision = await counters.consume(checks);
      const headers = rateLimitHeaders(checks, decision.results);
      if (!decision.admitted) {
        let policy: string | null = null;
        let retryAfterMs = 0;
        decision.results.forEach((result, i) => {
          const check = checks[i];
          if (result.allowed || !check?.hard) return;
          // The first hard policy over its limit is named; the wait covers every one that is over.
          policy ??= check.label;
          retryAfterMs = Math.max(retryAfterMs, result.retryAfterMs);
        });
        return {
          admit: false,
          policy: policy ?? 'unknown',
          retryAfterSec: Math.max(1, Math.ceil(retryAfterMs / 1000)),
          headers,
        };
      }
      rememberTokenCounters(ctx, counters, tokens);
      const over = decision.results.findIndex((result) => !result.allowed);
      return { admit: true, headers, exceeded: over === -1 ? null : (checks[over]?.label ?? null) };
    },
  };
}

/** The throttle stage: 429 with `Retry-After` when the throttler says no. */
export async function throttle(
  ctx: RequestContext,
  throttler: Throttler,
  deployment?: Deployment | null,
): Promise<void> {
  const decision = await throttler.check(ctx, deployment);
  if (decision.admit) {
    if (decision.headers)
      for (const [name, value] of Object.entries(decision.headers)) ctx.res.setHeader(name, value);
    // stopOnQuotaReach: false — the request passes, and analytics say which quota it was over.
    if (decision.exceeded) ctx.throttledBy = decision.exceeded;
    return;
  }
  ctx.throttledBy = decision.policy;
  throw new GatewayError('THROTTLED', `Over the limit of policy ${decision.policy}`, {
    ...decision.headers,
    'retry-after': String(decision.retryAfterSec),
  });
}
