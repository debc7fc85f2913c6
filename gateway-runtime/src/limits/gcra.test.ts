import { describe, expect, it } from 'vitest';
import {
  advance,
  evaluate,
  MAX_DENOM,
  rateOf,
  remaining,
  resetMs,
  type GcraState,
  type Rate,
} from './gcra.js';

/** Sends `count` requests at `now`, committing those that fit; returns how many fit. */
function burst(state: { s: GcraState | null }, rate: Rate, now: number, count: number): number {
  let admitted = 0;
  for (let i = 0; i < count; i++) {
    const outcome = evaluate(state.s, rate, 1, now);
    if (outcome.allowed) {
      state.s = { ...outcome.next, denom: rate.denom };
      admitted++;
    }
  }
  return admitted;
}

describe('GCRA', () => {
  it('reduces N per T to integers: 3 per second is 333 1/3 ms', () => {
    expect(rateOf(3, 1000)).toEqual({
      limit: 3,
      periodMs: 1000,
      denom: 3,
      stepMs: 333,
      stepRem: 1,
      windowMs: 1000,
      windowFrac: 0,
    });
    expect(rateOf(1000, 60_000)).toMatchObject({
      denom: 1,
      stepMs: 60,
      stepRem: 0,
      windowMs: 60_000,
    });
  });

  it.each([
    [3, 1000],
    [7, 1000],
    [1000, 60_000],
    [997, 3_600_000],
    [50_000, 2_592_000_000],
    [123_456_789, 31_536_000_000],
  ])('admits exactly %i at once out of a full bucket (period %i ms)', (limit, period) => {
    const rate = rateOf(limit, period);
    const state = { s: null as GcraState | null };
    const count = Math.min(limit, 20_000);
    // Fill to `limit - count` by charging directly, then probe the boundary request by request.
    if (limit > count)
      state.s = { ...advance({ ms: 0, frac: 0 }, rate, limit - count), denom: rate.denom };
    expect(burst(state, rate, 0, count + 5)).toBe(count);
  });

  it('rounds a huge denominator up and still admits exactly N at once', () => {
    const prime = 16_777_259; // > 2^24 and prime: nothing reduces it
    const rate = rateOf(prime, 86_400_000);
    expect(rate.denom).toBe(MAX_DENOM);
    const state = {
      s: {
        ...advance({ ms: 0, frac: 0 }, rate, prime - 10),
        denom: rate.denom,
      } as GcraState | null,
    };
    expect(burst(state, rate, 0, 15)).toBe(10);
  });

  it('gives one unit back every T/N and all of them after T', () => {
    const rate = rateOf(3, 1000);
    const state = { s: null as GcraState | null };
    expect(burst(state, rate, 0, 5)).toBe(3);
    expect(burst(state, rate, 333, 1)).toBe(0); // 1/3 ms short of the interval
    expect(burst(state, rate, 334, 2)).toBe(1);
    expect(burst(state, rate, 1334, 5)).toBe(3);
  });

  it('says how long to wait, and that wait is exact', () => {
    const rate = rateOf(2, 1000);
    const state = { s: null as GcraState | null };
    burst(state, rate, 0, 2);
    const denied = evaluate(state.s, rate, 1, 100);
    expect(denied).toMatchObject({ allowed: false, retryAfterMs: 400 });
    expect(evaluate(state.s, rate, 1, 499).allowed).toBe(false);
    expect(evaluate(state.s, rate, 1, 500).allowed).toBe(true);
  });

  it('reports remaining units and the time until the bucket is full', () => {
    const rate = rateOf(10, 60_000);
    let tat = { ms: 0, frac: 0 };
    expect(remaining(tat, rate, 0)).toBe(10);
    tat = advance(tat, rate, 4);
    expect(remaining(tat, rate, 0)).toBe(6);
    expect(resetMs(tat, 0)).toBe(24_000);
    expect(remaining(tat, rate, 6000)).toBe(7);
  });

  it('denies everything under a zero limit, consuming nothing', () => {
    const rate = rateOf(0, 60_000);
    expect(evaluate(null, rate, 1, 5)).toMatchObject({ allowed: false, retryAfterMs: 60_000 });
  });

  it('reads a state written with another denominator conservatively', () => {
    const oldRate = rateOf(3, 1000);
    const newRate = rateOf(4, 1000);
    const state: GcraState = { ...advance({ ms: 0, frac: 0 }, oldRate, 3), denom: oldRate.denom };
    // Full under the old rate (TAT = now + 1000): under the new one it is full too.
    expect(evaluate(state, newRate, 1, 0).allowed).toBe(false);
  });

  it('rejects a nonsensical rate', () => {
    expect(() => rateOf(1.5, 1000)).toThrow(RangeError);
    expect(() => rateOf(5, 0)).toThrow(RangeError);
  });
});
