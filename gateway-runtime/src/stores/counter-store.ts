/**
 * Shared counters for rate limits and token quotas. Every throttling decision goes
 * through this interface so one gateway can count in memory and several can count
 * in Redis. Windows are fixed: a counter starts at the first increment and resets
 * when its window ends.
 */

/** The state of one counter window. */
export interface CounterValue {
  /** Total counted in the current window. */
  count: number;
  /** Epoch milliseconds at which the window ends and the count resets. */
  resetAt: number;
}

export interface CounterStore {
  /**
   * Adds `amount` (default 1) to `key` atomically and returns the new value. Starts a
   * new window of `windowMs` when none is running or the last one has ended.
   */
  increment(key: string, windowMs: number, amount?: number): Promise<CounterValue>;
  /** The current window of `key`, or null when none is running. */
  get(key: string): Promise<CounterValue | null>;
  /** Deletes every counter whose key starts with `prefix`; returns how many. */
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
  application: (applicationId: string, policy: string) => `app:${part(applicationId)}:app:${part(policy)}`,
  /** One subscription of the application (its plan, tokens and burst). */
  subscription: (applicationId: string, apiId: string, dimension: string) =>
    `app:${part(applicationId)}:sub:${part(apiId)}:${part(dimension)}`,
  /** Every counter of an application. */
  applicationPrefix: (applicationId: string) => `app:${part(applicationId)}:`,
  /** API and operation policies, shared by every caller. */
  api: (apiId: string, dimension: string) => `api:${part(apiId)}:${part(dimension)}`,
} as const;
