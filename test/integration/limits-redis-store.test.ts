/**
 * The Redis CounterStore against a real redis-server: the same decisions as the
 * memory store (the Lua scripts mirror gcra.ts), exact admission with two clients
 * racing, prefix deletes, and the failover store across a crash, a hang and a
 * restart of Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailoverCounterStore } from '../../gateway-runtime/src/limits/failover-store.js';
import { rateOf } from '../../gateway-runtime/src/limits/gcra.js';
import { silentLogger } from '../../gateway-runtime/src/logger.js';
import type { RateCheck } from '../../gateway-runtime/src/stores/counter-store.js';
import { MemoryCounterStore } from '../../gateway-runtime/src/stores/memory.js';
import { createRedisClient, RedisCounterStore } from '../../gateway-runtime/src/stores/redis.js';
import { within } from './helpers/backend.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

let redis: TestRedis;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  await redis?.close();
});

function redisStore(
  options: { now?: () => number; keyPrefix?: string; commandTimeoutMs?: number } = {},
): RedisCounterStore {
  const store = new RedisCounterStore(
    createRedisClient({ url: redis.url, commandTimeoutMs: options.commandTimeoutMs ?? 2000 }),
    {
      keyPrefix: options.keyPrefix ?? 'test:',
      ...(options.now && { now: options.now }),
    },
  );
  store.client.on('error', () => undefined);
  closers.push(() => store.close());
  return store;
}

async function untilReady(store: RedisCounterStore): Promise<void> {
  await within(
    new Promise<void>((resolve) =>
      store.ready ? resolve() : store.client.once('ready', () => resolve()),
    ),
    10_000,
    'redis client never became ready',
  );
}

/** Polls `condition` every 50 ms until true; fails after `ms`. */
async function eventually(condition: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('RedisCounterStore', () => {
  it('makes the same decisions as the memory store, step by step', async () => {
    let now = 1_700_000_000_000;
    const memory = new MemoryCounterStore({ now: () => now });
    closers.push(() => memory.close());
    const shared = redisStore({ now: () => now, keyPrefix: 'parity:' });
    await untilReady(shared);
    const rates = [
      rateOf(3, 1000),
      rateOf(7, 60_000),
      rateOf(1000, 3_600_000),
      rateOf(16_777_259, 86_400_000),
    ];
    // A fixed pseudo-random walk: several counters, hard and soft, peeks, charges and time steps.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 400; step++) {
      now += random(4) === 0 ? random(400) : 0;
      const checks: RateCheck[] = Array.from({ length: 1 + random(3) }, () => {
        const r = random(rates.length);
        return {
          key: `k${r}`,
          rate: rates[r] ?? rateOf(1, 1000),
          cost: 1,
          hard: random(5) !== 0,
          consume: random(6) !== 0,
        };
      });
      if (random(10) === 0) {
        const charge = [
          {
            key: checks[0]?.key ?? 'k0',
            rate: checks[0]?.rate ?? rateOf(1, 1000),
            cost: random(50),
          },
        ];
        await Promise.all([memory.charge(charge), shared.charge(charge)]);
      }
      const [expected, actual] = await Promise.all([
        memory.consume(checks),
        shared.consume(checks),
      ]);
      expect(actual, `step ${step}`).toEqual(expected);
    }
  });

  it('admits exactly the limit across two clients racing on one counter', async () => {
    const a = redisStore({ keyPrefix: 'race:' });
    const b = redisStore({ keyPrefix: 'race:' });
    await Promise.all([untilReady(a), untilReady(b)]);
    const check: RateCheck[] = [
      { key: 'shared', rate: rateOf(100, 3_600_000), cost: 1, hard: true, consume: true },
    ];
    const decisions = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).consume(check)),
    );
    expect(decisions.filter((d) => d.admitted)).toHaveLength(100);
  });

  it('deletes by prefix, glob characters included, and keeps fixed windows working', async () => {
    const store = redisStore({ keyPrefix: 'del:' });
    await untilReady(store);
    const rate = rateOf(10, 60_000);
    const consume = (key: string) =>
      store.consume([{ key, rate, cost: 1, hard: true, consume: true }]);
    await consume('app:a*b:x');
    await consume('app:a*b:y');
    await consume('app:aXb:x');
    expect(await store.increment('app:a*b:fixed', 60_000, 3)).toMatchObject({ count: 3 });
    expect(await store.get('app:a*b:fixed')).toMatchObject({ count: 3 });
    expect(await store.deleteByPrefix('app:a*b:')).toBe(3);
    expect(await store.get('app:a*b:fixed')).toBeNull();
    expect((await consume('app:aXb:x')).results[0]?.remaining).toBe(8);
  });
});

describe('FailoverCounterStore', () => {
  const rate = rateOf(5, 3_600_000);
  const check: RateCheck[] = [{ key: 'fo', rate, cost: 1, hard: true, consume: true }];

  it('counts locally while Redis is down, and pushes those counts when it is back', async () => {
    const statuses: boolean[] = [];
    const store = new FailoverCounterStore(
      redisStore({ keyPrefix: 'fo:' }),
      new MemoryCounterStore(),
      {
        logger: silentLogger,
        onChange: (up) => statuses.push(up),
      },
    );
    closers.push(() => store.close());
    expect(await store.whenUp(10_000)).toBe(true);
    expect((await store.consume(check)).results[0]?.remaining).toBe(4);

    await redis.kill();
    await eventually(() => !store.up, 10_000, 'the store never noticed Redis was gone');
    // Local counting starts from nothing: a per-node approximation, documented.
    const local = await within(
      Promise.all([store.consume(check), store.consume(check)]),
      5000,
      'consume hung while Redis was down',
    );
    expect(local.map((d) => d.admitted)).toEqual([true, true]);

    await redis.restart();
    await eventually(() => store.up, 15_000, 'the store never came back to Redis');
    // Redis restarted empty; the two requests counted locally are pushed to it (asynchronously): 3 left.
    const peek = check.map((c) => ({ ...c, consume: false }));
    let left = -1;
    const deadline = Date.now() + 5000;
    while (left !== 3 && Date.now() < deadline)
      left = (await store.consume(peek)).results[0]?.remaining ?? -1;
    expect(left).toBe(3);
    expect((await store.consume(check)).results[0]?.remaining).toBe(2);
    expect(statuses).toEqual([true, false, true]);
  });

  it('does not wait on a hung Redis longer than its command timeout', async () => {
    const store = new FailoverCounterStore(
      redisStore({ keyPrefix: 'hang:', commandTimeoutMs: 300 }),
      new MemoryCounterStore(),
      {
        logger: silentLogger,
        probeIntervalMs: 100,
      },
    );
    closers.push(() => store.close());
    expect(await store.whenUp(10_000)).toBe(true);
    redis.pause();
    try {
      const decision = await within(store.consume(check), 5000, 'consume hung on a paused Redis');
      expect(decision.admitted).toBe(true);
      expect(store.up).toBe(false);
    } finally {
      redis.resume();
    }
    await eventually(() => store.up, 10_000, 'the probe never found Redis again');
  });
});
