/**
 * `RateLimit-Policy` and `RateLimit` response headers in the structured-field form of
 * draft-ietf-httpapi-ratelimit-headers-10: each is a list of items named by a quoted
 * policy name, e.g.
 *
 *   RateLimit-Policy: "subscription:Gold";q=1000;w=60, "api:api-default";q=10000;w=60
 *   RateLimit: "subscription:Gold";r=998;t=1, "api:api-default";r=9990;t=1
 *
 * `q` is the quota (requests), `w` the window in seconds, `r` the requests that still
 * fit now and `t` the seconds until the counter is full again (GCRA refills
 * continuously, so this is when the whole quota is back, not a window boundary).
 */
import type { RateResult } from '../stores/counter-store.js';
import type { PlannedCheck } from './checks.js';

/** An sf-string: printable ASCII, with `"` and `\` escaped. */
export function sfString(value: string): string {
  return `"${value.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The two headers for the advertised checks, or null when there are none. */
export function rateLimitHeaders(
  checks: readonly PlannedCheck[],
  results: readonly RateResult[],
): Record<string, string> | null {
  const policy: string[] = [];
  const state: string[] = [];
  checks.forEach((check, i) => {
    const result = results[i];
    if (!check.advertise || !result) return;
    const name = sfString(check.label);
    policy.push(
      `${name};q=${check.rate.limit};w=${Math.max(1, Math.round(check.rate.periodMs / 1000))}`,
    );
    state.push(`${name};r=${result.remaining};t=${Math.ceil(result.resetMs / 1000)}`);
  });
  if (policy.length === 0) return null;
  return { 'ratelimit-policy': policy.join(', '), ratelimit: state.join(', ') };
}
