/**
 * Shared counters for rate limits and token quotas. Every throttling decision goes
 * through this interface so one gateway can count in memory and several can count
 * in Redis.
 *
 * Two kinds of counter live behind it. Rate counters (`consume`, `charge`) run GCRA
 * (`limits/gcra.ts`): throttling uses them. Fixed-window counters (`increment`,
 * `get`) start at the first increment and reset when their window ends; they remain
 * for callers that want a plain count.
 */
import type { Rate } from '../limits/gcra.js';

/** The state of one fixed-window counter. */
export interface CounterValue {
  /** Total counted in the current window. */
  count: number;
  /** Epoch milliseconds at which the window ends and the count resets. */
  resetAt: number;
}

/** One rate counter of a throttling decision. */
export interface RateCheck {
  key: string;
  rate: Rate;
  /** Units this request takes: 1 for a request; 1 for a token check ("is any left?"). */
  cost: number;
  /** A hard counter denies the request when over; a soft one (`stopOnQuotaReach: false`) only reports it. */
  hard: boolean;
  /** Consume `cost` when the request is admitted; false checks only (token quotas before the call). */
  consume: boolean;
}

/** What one counter said, in the order of the checks. */
export interface RateResult {
  /** The request fitted under this counter. */
  allowed: boolean;
  /** Units still available after the decision. */
  remaining: number;
  /** Milliseconds until the counter is full again. */
  resetMs: number;
  /** When not allowed: milliseconds until the request would fit. */
  retryAfterMs: number;
}

/** The outcome of `consume`. */
export interface RateDecision {
  /** No hard counter was over: the request passes and every consuming counter that fitted was charged. */
  admitted: boolean;
  results: RateResult[];
}

/** Units to add to a rate counter whatever its state (token usage known after a call). */
export interface RateCharge {
  key: string;
  rate: Rate;
  cost: number;
}

export interface CounterStore {
  /**
   * Adds `amount` (default 1) to `key` atomically and returns the new value. Starts a
   * new window of `windowMs` when none is running or the last one has ended.
   */
  increment(key: string, windowMs: number, amount?: number): Promise<CounterValue>;
  /** The current window of `key`, or null when none is running. */
  get(key: string): Promise<CounterValue | null>;
  /**
   * Evaluates every check and, only when no hard one is over, consumes the consuming
   * ones that fit — all in one atomic step, so a request denied by a later policy
   * never uses quota of an earlier one, and concurrent requests never over-admit.
   */
  consume(checks: readonly RateCheck[]): Promise<RateDecision>;
  /** Adds each charge to its counter unconditionally, atomically. */
  charge(charges: readonly RateCharge[]): Promise<void>;
  /** Deletes every counter (of both kinds) whose key starts with `prefix`; returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  close(): Promise<void>;
}

const part = (value: string) => encodeURIComponent(value);

/**
 * Counter key layout. Everything an application owns starts with `app:<id>:`, so
 * resetting an application's throttle is one prefix delete.
 */
export const counterKeys = {
  /** The application's own policy. */
  application: (applicationId: string, policy: string) =>
    `app:${part(applicationId)}:app:${part(policy)}`,
  /** One subscription of the application (its plan, tokens and burst). */
  subscription: (applicationId: string, apiId: string, dimension: string) =>
    `app:${part(applicationId)}:sub:${part(apiId)}:${part(dimension)}`,
  /** Every counter of an application. */
  applicationPrefix: (applicationId: string) => `app:${part(applicationId)}:`,
  /** API and operation policies, shared by every caller. */
  api: (apiId: string, dimension: string) => `api:${part(apiId)}:${part(dimension)}`,
  /** The plan of a client certificate on one API (no application involved). */
  certificate: (apiId: string, alias: string, dimension: string) =>
    `cert:${part(apiId)}:${part(alias)}:${part(dimension)}`,
} as const;
