/**
 * The in-memory CounterStore: one process, exact counts. Node runs JavaScript on one
 * thread, so a read-modify-write without an await in between is atomic: `consume`
 * evaluates and commits every counter of a request synchronously.
 */
import {
  advance,
  clampCost,
  evaluate,
  isSpent,
  normalize,
  remaining,
  resetMs,
  type GcraState,
} from '../limits/gcra.js';
import type {
  CounterStore,
  CounterValue,
  RateCharge,
  RateCheck,
  RateDecision,
  RateResult,
} from './counter-store.js';

export interface MemoryCounterStoreOptions {
  /** Epoch milliseconds; injectable so tests can move time. */
  now?: () => number;
  /** How often expired windows are swept out (ms). */
  sweepIntervalMs?: number;
}

/** A rate counter's debt: how far its TAT runs ahead of now (for pushing local counts to Redis). */
export interface RateDebt {
  key: string;
  /** `ms + frac/denom` milliseconds ahead of now. */
  ms: number;
  frac: number;
  denom: number;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, CounterValue>();
  private readonly rates = new Map<string, GcraState>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryCounterStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 60_000);
    this.sweeper.unref();
  }

  increment(key: string, windowMs: number, amount = 1): Promise<CounterValue> {
    const now = this.now();
    let value = this.counters.get(key);
    if (!value || value.resetAt <= now) {
      value = { count: 0, resetAt: now + windowMs };
      this.counters.set(key, value);
    }
    value.count += amount;
    return Promise.resolve({ ...value });
  }

  get(key: string): Promise<CounterValue | null> {
    const value = this.counters.get(key);
    if (!value || value.resetAt <= this.now()) return Promise.resolve(null);
    return Promise.resolve({ ...value });
  }

  consume(checks: readonly RateCheck[]): Promise<RateDecision> {
    return Promise.resolve(this.consumeNow(checks));
  }

  /** `consume`, synchronously: the failover store relies on it taking no turn of the event loop. */
  consumeNow(checks: readonly RateCheck[]): RateDecision {
    const now = this.now();
    const outcomes = checks.map((check) =>
      evaluate(this.rates.get(check.key), check.rate, check.cost, now),
    );
    const admitted = outcomes.every((outcome, i) => outcome.allowed || !checks[i]?.hard);
    const results: RateResult[] = outcomes.map((outcome, i) => {
      const check = checks[i] as RateCheck;
      const commit = admitted && check.consume && outcome.allowed;
      if (commit) this.rates.set(check.key, { ...outcome.next, denom: check.rate.denom });
      const tat = commit ? outcome.next : outcome.current;
      return {
        allowed: outcome.allowed,
        remaining: remaining(tat, check.rate, now),
        resetMs: resetMs(tat, now),
        retryAfterMs: outcome.retryAfterMs,
      };
    });
    return { admitted, results };
  }

  charge(charges: readonly RateCharge[]): Promise<void> {
    const now = this.now();
    for (const { key, rate, cost } of charges) {
      const stored = this.rates.get(key);
      const base = stored ? normalize(stored, rate) : { ms: now, frac: 0 };
      const from = isSpent(base, now) ? { ms: now, frac: 0 } : base;
      this.rates.set(key, { ...advance(from, rate, clampCost(cost, rate)), denom: rate.denom });
    }
    return Promise.resolve();
  }

  deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const map of [this.counters, this.rates]) {
      for (const key of map.keys()) {
        if (key.startsWith(prefix)) {
          map.delete(key);
          deleted++;
        }
      }
    }
    return Promise.resolve(deleted);
  }

  /** Removes and returns every rate counter still ahead of now (fixed windows are dropped). */
  drainRateDebts(): RateDebt[] {
    const now = this.now();
    const debts: RateDebt[] = [];
    for (const [key, state] of this.rates) {
      if (isSpent(state, now)) continue;
      debts.push({ key, ms: state.ms - now, frac: state.frac, denom: state.denom });
    }
    this.rates.clear();
    this.counters.clear();
    return debts;
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.counters.clear();
    this.rates.clear();
    return Promise.resolve();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, value] of this.counters) if (value.resetAt <= now) this.counters.delete(key);
    for (const [key, state] of this.rates) if (isSpent(state, now)) this.rates.delete(key);
  }
}
