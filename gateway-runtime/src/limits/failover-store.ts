/**
 * Shared counting that survives Redis going away. While Redis answers, every call
 * goes to the Redis store; when the connection drops or a command fails or times
 * out, the node counts in its own memory store instead — a per-node approximation:
 * each node then admits up to the full limit on its own — and keeps serving. When
 * Redis is back (ioredis reconnects in the background; a failed command starts a PING
 * probe) the node switches back and pushes what it counted alone into the shared
 * counters, so quota used during the outage is not forgotten.
 */
import type { Logger } from '../logger.js';
import type {
  CounterStore,
  CounterValue,
  RateCharge,
  RateCheck,
  RateDecision,
} from '../stores/counter-store.js';
import type { MemoryCounterStore } from '../stores/memory.js';
import type { RedisCounterStore } from '../stores/redis.js';

/**
 * ioredis emits connection errors as events (without a listener they would crash the
 * process), one per reconnection attempt: log the first of each outage only.
 */
export function logErrorsOnce(
  client: RedisCounterStore['client'],
  logger: Logger,
  message: string,
): void {
  let logged = false;
  client.on('ready', () => (logged = false));
  client.on('error', (error: Error) => {
    if (logged) return;
    logged = true;
    logger.warn(message, { error: error.message });
  });
}

export interface FailoverOptions {
  logger: Logger;
  /** Told whenever the shared store goes up or down. */
  onChange?: (up: boolean) => void;
  /** How often a probe PINGs after a failed command (ms, default 500). */
  probeIntervalMs?: number;
}

export class FailoverCounterStore implements CounterStore {
  private sharedUp = false;
  private probe: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly shared: RedisCounterStore,
    readonly local: MemoryCounterStore,
    private readonly options: FailoverOptions,
  ) {
    const client = shared.client;
    client.on('ready', () => void this.recover());
    client.on('close', () => this.markDown('connection closed'));
    logErrorsOnce(client, options.logger, 'redis error');
    if (shared.ready) void this.recover();
  }

  /** True while counters are shared through Redis. */
  get up(): boolean {
    return this.sharedUp;
  }

  /** Resolves true once Redis is up, or false after `timeoutMs`. */
  whenUp(timeoutMs: number): Promise<boolean> {
    if (this.sharedUp) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onUp);
        resolve(value);
      };
      const onUp = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(onUp);
    });
  }

  increment(key: string, windowMs: number, amount?: number): Promise<CounterValue> {
    return this.route((store) => store.increment(key, windowMs, amount));
  }

  get(key: string): Promise<CounterValue | null> {
    return this.route((store) => store.get(key));
  }

  async consume(checks: readonly RateCheck[]): Promise<RateDecision> {
    if (this.sharedUp) {
      try {
        return await this.shared.consume(checks);
      } catch (error) {
        this.failed(error);
      }
    }
    // Synchronous: no other request can slip between this check and its consumption.
    return this.local.consumeNow(checks);
  }

  charge(charges: readonly RateCharge[]): Promise<void> {
    return this.route((store) => store.charge(charges));
  }

  /** Clears local counters, and the shared ones when Redis is up. */
  async deleteByPrefix(prefix: string): Promise<number> {
    let deleted = await this.local.deleteByPrefix(prefix);
    if (this.sharedUp) {
      try {
        deleted += await this.shared.deleteByPrefix(prefix);
      } catch (error) {
        this.failed(error);
      }
    }
    return deleted;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopProbe();
    this.sharedUp = false;
    await Promise.all([this.shared.close(), this.local.close()]);
  }

  private async route<T>(call: (store: CounterStore) => Promise<T>): Promise<T> {
    if (this.sharedUp) {
      try {
        return await call(this.shared);
      } catch (error) {
        this.failed(error);
      }
    }
    return call(this.local);
  }

  private failed(error: unknown): void {
    this.markDown(error instanceof Error ? error.message : String(error));
    // A timed-out command leaves the connection "ready": only a probe can tell when Redis answers again.
    this.startProbe();
  }

  private markDown(reason: string): void {
    if (!this.sharedUp || this.closed) return;
    this.sharedUp = false;
    this.options.logger.warn('redis unavailable: counting locally on this node', { reason });
    this.options.onChange?.(false);
  }

  private async recover(): Promise<void> {
    if (this.sharedUp || this.closed) return;
    this.stopProbe();
    // Switch first, then drain: whatever the local store counted up to now is pushed; nothing after it is local.
    this.sharedUp = true;
    this.options.logger.info('redis available: counters are shared');
    this.options.onChange?.(true);
    for (const waiter of this.waiters) waiter();
    const debts = this.local.drainRateDebts();
    if (debts.length === 0) return;
    try {
      await this.shared.mergeDebts(debts);
    } catch (error) {
      this.options.logger.warn('could not push local counts to redis', {
        error: String(error),
        counters: debts.length,
      });
    }
  }

  private startProbe(): void {
    if (this.probe || this.closed) return;
    this.probe = setInterval(() => {
      if (!this.shared.ready) return;
      this.shared.client.ping().then(
        () => void this.recover(),
        () => undefined,
      );
    }, this.options.probeIntervalMs ?? 500);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}
