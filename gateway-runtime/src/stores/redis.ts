/**
 * The Redis CounterStore: counters shared by every gateway node that points at the
 * same Redis. Each operation is one Lua script (`limits/gcra-lua.ts`), so a request's
 * check-and-consume over all its counters is atomic across nodes. By default the
 * scripts read the Redis server's clock, so nodes with skewed clocks still agree.
 *
 * The client is built to fail fast — no offline queue, a bounded command timeout —
 * because a throttling decision must never wait on an unreachable Redis; the
 * failover store (`limits/failover-store.ts`) counts locally meanwhile.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { clampCost, remaining, resetMs, type Rate } from '../limits/gcra.js';
import { CHARGE_LUA, CONSUME_LUA, GET_LUA, INCREMENT_LUA, MERGE_LUA } from '../limits/gcra-lua.js';
import type {
  CounterStore,
  CounterValue,
  RateCharge,
  RateCheck,
  RateDecision,
  RateResult,
} from './counter-store.js';
import type { RateDebt } from './memory.js';

/** How to reach Redis. */
export interface RedisConnectOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...` for TLS. */
  url: string;
  /** How long one command may take before the node counts locally instead (ms, default 1000). */
  commandTimeoutMs?: number;
  /** How long a connection attempt may take (ms, default 2000). */
  connectTimeoutMs?: number;
}

export interface RedisCounterStoreOptions {
  /** Prepended to every counter key (default `portico:c:`). */
  keyPrefix?: string;
  /** Epoch ms for the scripts; by default the Redis server's clock. */
  now?: () => number;
}

/** An ioredis client that fails fast and reconnects in the background forever. */
export function createRedisClient(options: RedisConnectOptions): Redis {
  return new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    // 200 ms, 400 ms, 800 ms, then every second: back soon after Redis is.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 4), 1000),
    reconnectOnError: () => false,
  });
}

interface Script {
  lua: string;
  sha: string;
}

const script = (lua: string): Script => ({
  lua,
  sha: createHash('sha1').update(lua).digest('hex'),
});
const scripts = {
  consume: script(CONSUME_LUA),
  charge: script(CHARGE_LUA),
  merge: script(MERGE_LUA),
  increment: script(INCREMENT_LUA),
  get: script(GET_LUA),
};

/** Glob metacharacters escaped for SCAN MATCH. */
function globEscape(value: string): string {
  return value.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

function asNumbers(reply: unknown): number[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected Redis reply ${JSON.stringify(reply)}`);
  return reply.map((v) => Number(v));
}

export class RedisCounterStore implements CounterStore {
  private readonly prefix: string;
  private readonly now: (() => number) | null;

  constructor(
    readonly client: Redis,
    options: RedisCounterStoreOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'portico:c:';
    this.now = options.now ?? null;
  }

  /** True when commands can be sent now. */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  async increment(key: string, windowMs: number, amount = 1): Promise<CounterValue> {
    const [count = 0, ttl = windowMs] = asNumbers(
      await this.run(scripts.increment, [key], [amount, windowMs]),
    );
    return { count, resetAt: Date.now() + ttl };
  }

  async get(key: string): Promise<CounterValue | null> {
    const reply = await this.run(scripts.get, [key], []);
    if (!Array.isArray(reply)) return null;
    const [count = 0, ttl = 0] = asNumbers(reply);
    return { count, resetAt: Date.now() + Math.max(0, ttl) };
  }

  async consume(checks: readonly RateCheck[]): Promise<RateDecision> {
    if (checks.length === 0) return { admitted: true, results: [] };
    const args: (string | number)[] = [];
    for (const { rate, cost, hard, consume } of checks) {
      args.push(
        rate.denom,
        rate.stepMs,
        rate.stepRem,
        rate.windowMs,
        rate.windowFrac,
        clampCost(cost, rate),
        (hard ? 1 : 0) + (consume ? 2 : 0),
      );
    }
    const reply = asNumbers(
      await this.run(
        scripts.consume,
        checks.map((c) => c.key),
        args,
      ),
    );
    const results: RateResult[] = checks.map((check, i) => {
      const at = 1 + i * 4;
      // The script answers relative to its own clock: evaluate with now = 0.
      const tat = { ms: reply[at + 1] ?? 0, frac: reply[at + 2] ?? 0 };
      return {
        allowed: reply[at] === 1,
        remaining: remaining(tat, check.rate, 0),
        resetMs: resetMs(tat, 0),
        retryAfterMs: reply[at + 3] ?? 0,
      };
    });
    return { admitted: reply[0] === 1, results };
  }

  async charge(charges: readonly RateCharge[]): Promise<void> {
    if (charges.length === 0) return;
    const args = charges.flatMap(({ rate, cost }: { rate: Rate; cost: number }) => [
      rate.denom,
      rate.stepMs,
      rate.stepRem,
      clampCost(cost, rate),
    ]);
    await this.run(
      scripts.charge,
      charges.map((c) => c.key),
      args,
    );
  }

  /** Adds debts counted locally while Redis was away (see MemoryCounterStore.drainRateDebts). */
  async mergeDebts(debts: readonly RateDebt[]): Promise<void> {
    for (let i = 0; i < debts.length; i += 500) {
      const batch = debts.slice(i, i + 500);
      await this.run(
        scripts.merge,
        batch.map((d) => d.key),
        batch.flatMap((d) => [d.ms, d.frac, d.denom]),
      );
    }
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const pattern = `${globEscape(this.prefix + prefix)}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await this.client.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') return this.client.disconnect();
    // QUIT is bounded by the command timeout; a hung Redis gets disconnected.
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private async run(s: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    const full = keys.map((k) => this.prefix + k);
    const argv = [this.now ? String(this.now()) : '', ...args.map(String)];
    try {
      return await this.client.evalsha(s.sha, full.length, ...full, ...argv);
    } catch (error) {
      // First use, or Redis restarted and lost its script cache.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(s.lua, full.length, ...full, ...argv);
    }
  }
}
