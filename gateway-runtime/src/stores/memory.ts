/**
 * The in-memory CounterStore: one process, exact counts. Node runs JavaScript on one
 * thread, so a read-modify-write without an await in between is atomic.
 */
import type { CounterStore, CounterValue } from './counter-store.js';

export interface MemoryCounterStoreOptions {
  /** Epoch milliseconds; injectable so tests can move time. */
  now?: () => number;
  /** How often expired windows are swept out (ms). */
  sweepIntervalMs?: number;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, CounterValue>();
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

  deleteByPrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of this.counters.keys()) {
      if (key.startsWith(prefix)) {
        this.counters.delete(key);
        deleted++;
      }
    }
    return Promise.resolve(deleted);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.counters.clear();
    return Promise.resolve();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, value] of this.counters) if (value.resetAt <= now) this.counters.delete(key);
  }
}
