/**
 * Backend limits of AI endpoints: requests and tokens per window toward one vendor
 * endpoint (a vendor's requests- and tokens-per-minute), counted per API and per
 * endpoint with the same GCRA counters as plans. Checked before the call (an endpoint
 * over its limit is skipped like one that answered 429), charged with the usage
 * after it.
 */
import { periodMs, type TokenDimension } from '../limits/compile.js';
import { rateOf, type Rate } from '../limits/gcra.js';
import type { Limit, TokenQuota } from '../model/bundle.js';
import {
  counterKeys,
  type CounterStore,
  type RateCharge,
  type RateCheck,
} from '../stores/counter-store.js';
import type { TokenFigures } from './types.js';

/** The compiled limits of one endpoint. */
export interface BackendLimit {
  requests: Rate | null;
  tokens: { dimension: TokenDimension; rate: Rate }[];
}

export function compileBackendLimit(
  limit: Limit | undefined,
  tokens: TokenQuota | null | undefined,
): BackendLimit | null {
  if (!limit) return null;
  const window = periodMs(limit);
  const requests =
    limit.requests === null || limit.requests === undefined ? null : rateOf(limit.requests, window);
  const quotas: [TokenDimension, number | null | undefined][] = [
    ['totalTokens', tokens?.total],
    ['promptTokens', tokens?.prompt],
    ['completionTokens', tokens?.completion],
  ];
  const tokenRates = quotas.flatMap(([dimension, quota]) =>
    quota === null || quota === undefined ? [] : [{ dimension, rate: rateOf(quota, window) }],
  );
  return requests === null && tokenRates.length === 0 ? null : { requests, tokens: tokenRates };
}

/** Counter key of one endpoint's dimension: `api:<id>:backend/<label>/<dimension>`. */
const keyOf = (apiId: string, label: string, dimension: string) =>
  counterKeys.api(apiId, `backend/${label}/${dimension}`);

/** Checks (and counts the request against) an endpoint's limits; the wait in ms when over. */
export async function admitBackend(
  store: CounterStore,
  apiId: string,
  label: string,
  limit: BackendLimit,
): Promise<number | null> {
  const checks: RateCheck[] = [];
  if (limit.requests)
    checks.push({
      key: keyOf(apiId, label, 'requests'),
      rate: limit.requests,
      cost: 1,
      hard: true,
      consume: true,
    });
  for (const { dimension, rate } of limit.tokens) {
    // "Is any left?": the tokens themselves are charged after the call.
    checks.push({ key: keyOf(apiId, label, dimension), rate, cost: 1, hard: true, consume: false });
  }
  const decision = await store.consume(checks);
  if (decision.admitted) return null;
  return Math.max(0, ...decision.results.map((r) => (r.allowed ? 0 : r.retryAfterMs)));
}

/** Charges a call's usage to the endpoint's token limits; never rejects. */
export async function chargeBackend(
  store: CounterStore,
  apiId: string,
  label: string,
  limit: BackendLimit,
  figures: TokenFigures,
): Promise<void> {
  const charges: RateCharge[] = limit.tokens.flatMap(({ dimension, rate }) => {
    const cost = figures[dimension] ?? 0;
    return cost > 0 ? [{ key: keyOf(apiId, label, dimension), rate, cost }] : [];
  });
  if (charges.length > 0) await store.charge(charges).catch(() => undefined);
}
