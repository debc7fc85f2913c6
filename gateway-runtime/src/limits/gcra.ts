/**
 * GCRA, the generic cell rate algorithm, in exact integer arithmetic. This file is
 * the reference: the memory store runs it as is and the Redis store's Lua script
 * (`redis-scripts.ts`) mirrors it line for line.
 *
 * A limit of N units per window T becomes an emission interval I = T/N and a burst
 * tolerance of T: a counter keeps one timestamp, its theoretical arrival time (TAT).
 * A request of cost c is allowed when `max(TAT, now) + c·I <= now + T`, and then the
 * TAT moves to that sum. So a full bucket admits N at once, and capacity comes back
 * continuously, one unit every I. The state is O(1) and expires once TAT <= now.
 *
 * Floating point would make the N-th of N simultaneous requests depend on rounding
 * (3 × 333.33… ms is not always 1000 ms), so times are kept as `ms + frac/denom` with
 * integers: denom is N reduced by gcd(N, T), and every intermediate value stays far
 * below 2^53 (denominators are capped at 2^24; costs at 64 windows' worth).
 */

/** The GCRA parameters of one limit, precomputed once per deployment. */
export interface Rate {
  /** Units a full bucket holds: the policy's N. */
  limit: number;
  /** The policy's window T in milliseconds. */
  periodMs: number;
  /** Denominator of every fractional millisecond below. */
  denom: number;
  /** Emission interval I = stepMs + stepRem/denom ms. */
  stepMs: number;
  stepRem: number;
  /** Burst tolerance N·I = windowMs + windowFrac/denom ms (T itself unless I was rounded). */
  windowMs: number;
  windowFrac: number;
}

/** A point in time, `ms + frac/denom` milliseconds since the epoch. */
export interface Tat {
  ms: number;
  frac: number;
}

/** A stored counter: its TAT and the denominator it was written with. */
export interface GcraState extends Tat {
  denom: number;
}

/** Largest denominator kept exact; beyond it the interval is rounded up (never faster than N per T). */
export const MAX_DENOM = 2 ** 24;
/** A single charge counts at most this many windows' worth of units. */
export const MAX_COST_WINDOWS = 64;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Compiles `limit` units per `periodMs` (both whole numbers; a limit of 0 denies everything). */
export function rateOf(limit: number, periodMs: number): Rate {
  if (
    !Number.isSafeInteger(limit) ||
    limit < 0 ||
    !Number.isSafeInteger(periodMs) ||
    periodMs <= 0
  ) {
    throw new RangeError(
      `a rate needs a whole limit >= 0 and a period > 0 ms, got ${limit} per ${periodMs} ms`,
    );
  }
  if (limit === 0) {
    // Nothing fits in a zero window: every request is over, and nothing is consumed.
    return {
      limit: 0,
      periodMs,
      denom: 1,
      stepMs: periodMs,
      stepRem: 0,
      windowMs: 0,
      windowFrac: 0,
    };
  }
  // BigInt only here, at compile time: T·denom can pass 2^53 before the reduction.
  const n = BigInt(limit);
  const t = BigInt(periodMs);
  const g = gcd(n, t);
  let denom = n / g;
  let stepNum = t / g;
  if (denom > BigInt(MAX_DENOM)) {
    denom = BigInt(MAX_DENOM);
    stepNum = (t * denom + n - 1n) / n;
  }
  const window = stepNum * n;
  return {
    limit,
    periodMs,
    denom: Number(denom),
    stepMs: Number(stepNum / denom),
    stepRem: Number(stepNum % denom),
    windowMs: Number(window / denom),
    windowFrac: Number(window % denom),
  };
}

/** Expresses a stored state in `rate`'s denominator, rounding up so a change never frees units. */
export function normalize(state: GcraState, rate: Rate): Tat {
  if (state.denom === rate.denom) return { ms: state.ms, frac: state.frac };
  let frac = Math.ceil((state.frac * rate.denom) / state.denom);
  let ms = state.ms;
  if (frac >= rate.denom) {
    ms += 1;
    frac -= rate.denom;
  }
  return { ms, frac };
}

function later(a: Tat, b: Tat): Tat {
  return a.ms > b.ms || (a.ms === b.ms && a.frac > b.frac) ? a : b;
}

function notAfter(a: Tat, b: Tat): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.frac <= b.frac);
}

/** Bounds a cost so that every product below stays exact. */
export function clampCost(cost: number, rate: Rate): number {
  const max = Math.max(1, rate.limit) * MAX_COST_WINDOWS;
  return Math.min(Math.max(0, Math.floor(cost)), max);
}

/** `tat + cost·I`. */
export function advance(tat: Tat, rate: Rate, cost: number): Tat {
  const q = Math.floor(cost / rate.denom);
  const r = cost % rate.denom;
  const fracSum = tat.frac + r * rate.stepRem;
  return {
    ms: tat.ms + cost * rate.stepMs + q * rate.stepRem + Math.floor(fracSum / rate.denom),
    frac: fracSum % rate.denom,
  };
}

/** What one counter says about one request. */
export interface GcraOutcome {
  /** The request fits. */
  allowed: boolean;
  /** The TAT if the request is consumed. */
  next: Tat;
  /** The TAT now (before this request). */
  current: Tat;
  /** When not allowed: ms until it would be (0 when allowed). */
  retryAfterMs: number;
}

/** Evaluates a request of `cost` units against a counter at `now`; changes nothing. */
export function evaluate(
  stored: GcraState | null | undefined,
  rate: Rate,
  cost: number,
  now: number,
): GcraOutcome {
  const floor: Tat = { ms: now, frac: 0 };
  const current = stored ? later(normalize(stored, rate), floor) : floor;
  const next = advance(current, rate, clampCost(cost, rate));
  const limitAt: Tat = { ms: now + rate.windowMs, frac: rate.windowFrac };
  const allowed = rate.limit > 0 && notAfter(next, limitAt);
  let retryAfterMs = 0;
  if (!allowed) {
    retryAfterMs =
      rate.limit === 0 ? rate.periodMs : next.ms - limitAt.ms + (next.frac > limitAt.frac ? 1 : 0);
  }
  return { allowed, next, current, retryAfterMs };
}

/** Units that still fit at `now` given the counter's TAT (for the RateLimit header). */
export function remaining(tat: Tat, rate: Rate, now: number): number {
  if (rate.limit === 0) return 0;
  const step = rate.stepMs + rate.stepRem / rate.denom;
  const free =
    now +
    rate.windowMs +
    rate.windowFrac / rate.denom -
    Math.max(now, tat.ms + tat.frac / rate.denom);
  // The epsilon absorbs float error at exact multiples; admission never uses this number.
  return Math.max(0, Math.min(rate.limit, Math.floor(free / step + 1e-9)));
}

/** Milliseconds until the counter is full again (the RateLimit header's reset). */
export function resetMs(tat: Tat, now: number): number {
  return Math.max(0, tat.ms - now + (tat.frac > 0 ? 1 : 0));
}

/** True when a stored state is no different from an absent one at `now`. */
export function isSpent(state: Tat, now: number): boolean {
  return state.ms < now || (state.ms === now && state.frac === 0);
}
