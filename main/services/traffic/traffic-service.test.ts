import { describe, expect, it } from 'vitest';
import type { GatewayStatus, TrafficEntry } from '../../ipc/contract.js';
import { sampleEntry } from './sample-entry.js';
import { TrafficService, type TrafficGateway } from './traffic-service.js';

const running = (adminUrl: string): GatewayStatus => ({
  state: 'running',
  listeners: ['http://127.0.0.1:1'],
  adminUrl,
  revision: 'r',
  apis: [],
  error: null,
});

/** A gateway whose traffic endpoint serves `log` (gateway-numbered) and counts calls. */
function fakeGateway() {
  const state = {
    log: [] as TrafficEntry[],
    status: running('http://127.0.0.1:9001'),
    up: true,
    paths: [] as string[],
    listeners: new Set<(s: GatewayStatus) => void>(),
  };
  const gateway: TrafficGateway = {
    status: () => state.status,
    onStatus(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    async admin(method, path) {
      state.paths.push(`${method} ${path}`);
      if (!state.up) return null;
      if (method === 'DELETE') {
        state.log = [];
        return { status: 204, body: null };
      }
      const q = new URLSearchParams(path.split('?')[1]);
      const since = Number(q.get('since'));
      const limit = Number(q.get('limit'));
      return {
        status: 200,
        body: {
          lastSeq: state.log.at(-1)?.seq ?? 0,
          entries: state.log.filter((e) => e.seq > since).slice(0, limit),
        },
      };
    },
  };
  const restart = (adminUrl: string) => {
    state.status = running(adminUrl);
    for (const l of state.listeners) l(state.status);
  };
  return { state, gateway, restart };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TrafficService', () => {
  it('reads only what is new and numbers entries itself, across a gateway restart', async () => {
    const { state, gateway, restart } = fakeGateway();
    const traffic = new TrafficService({ gateway, appVersion: 't' });
    state.log = [sampleEntry(1), sampleEntry(2)];
    expect((await traffic.list({})).rows.map((r) => r.seq)).toEqual([1, 2]);
    state.log.push(sampleEntry(3, { requestId: 'third' }));
    expect((await traffic.list({})).rows.map((r) => r.requestId)).toEqual([
      'req-1',
      'req-2',
      'third',
    ]);
    expect(state.paths.at(-1)).toBe('GET /admin/v1/traffic?since=2&limit=1000');

    // A new gateway numbers from 1 again; the studio's numbers keep going.
    restart('http://127.0.0.1:9002');
    state.log = [sampleEntry(1, { requestId: 'after-restart' })];
    const rows = (await traffic.list({})).rows;
    expect(rows.map((r) => [r.seq, r.requestId])).toEqual([
      [1, 'req-1'],
      [2, 'req-2'],
      [3, 'third'],
      [4, 'after-restart'],
    ]);
    traffic.close();
  });

  it('keeps the newest entries up to its capacity and reports when nothing captures', async () => {
    const { state, gateway } = fakeGateway();
    const traffic = new TrafficService({ gateway, appVersion: 't', capacity: 2 });
    state.log = [sampleEntry(1), sampleEntry(2), sampleEntry(3)];
    const listed = await traffic.list({});
    expect(listed.rows.map((r) => r.seq)).toEqual([2, 3]);
    expect(listed.capturing).toBe(true);
    await expect(traffic.get(1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    state.up = false;
    expect((await traffic.list({})).capturing).toBe(false);
    traffic.close();
  });

  it('polls while watched, not merely listened to, and pushes new rows to listeners', async () => {
    const { state, gateway } = fakeGateway();
    const traffic = new TrafficService({ gateway, appVersion: 't', intervalMs: 10 });
    const pushed: number[] = [];
    // The event hub listens for as long as the studio runs: that alone reads nothing.
    const off = traffic.onEntries((rows) => pushed.push(...rows.map((r) => r.seq)));
    state.log = [sampleEntry(1), sampleEntry(2)];
    await sleep(60);
    expect(state.paths).toEqual([]);

    const unwatch = traffic.watch();
    for (let i = 0; i < 100 && pushed.length < 2; i++) await sleep(10);
    expect(pushed).toEqual([1, 2]);
    unwatch();
    const calls = state.paths.length;
    await sleep(60);
    expect(state.paths.length).toBe(calls);
    off();
    traffic.close();
  });

  it('counts watches: polling stops with the last one, and a lease lapses unless renewed', async () => {
    const { state, gateway } = fakeGateway();
    let now = 1_000;
    const traffic = new TrafficService({
      gateway,
      appVersion: 't',
      intervalMs: 10,
      watchTtlMs: 100,
      now: () => now,
    });
    const polled = async () => {
      const before = state.paths.length;
      await sleep(60);
      return state.paths.length > before;
    };

    // Two windows watch; one closing leaves the other's polling on.
    const a = traffic.renewWatch();
    const b = traffic.renewWatch();
    expect(a).toEqual({ watchId: expect.any(String), ttlMs: 100 });
    expect(b.watchId).not.toBe(a.watchId);
    expect(traffic.watching()).toBe(2);
    traffic.unwatch(a.watchId);
    expect(await polled()).toBe(true);

    // B renews in time: still watched. Then its window closes without a word.
    now += 90;
    expect(traffic.renewWatch(b.watchId)).toEqual({ watchId: b.watchId, ttlMs: 100 });
    now += 90;
    expect(traffic.watching()).toBe(1);
    now += 20;
    await sleep(30);
    expect(traffic.watching()).toBe(0);
    expect(await polled()).toBe(false);

    // Renewing a lapsed id (a page back from the cache) watches again.
    traffic.renewWatch(b.watchId);
    expect(await polled()).toBe(true);
    traffic.unwatch(b.watchId);
    traffic.unwatch('never-issued');
    expect(await polled()).toBe(false);
    traffic.close();
  });

  it('exports the filtered entries as HAR and clears the gateway too', async () => {
    const { state, gateway } = fakeGateway();
    const traffic = new TrafficService({ gateway, appVersion: '9.9.9' });
    state.log = [
      sampleEntry(1),
      sampleEntry(2, { response: { status: 404, headers: {}, body: null } }),
    ];
    const har = await traffic.exportHar({ status: '4xx' });
    expect(har.count).toBe(1);
    const parsed = JSON.parse(har.content) as {
      log: { creator: { version: string }; entries: unknown[] };
    };
    expect(parsed.log.creator.version).toBe('9.9.9');
    expect(parsed.log.entries).toHaveLength(1);
    await traffic.clear();
    expect(state.paths).toContain('DELETE /admin/v1/traffic');
    expect((await traffic.list({})).rows).toEqual([]);
    traffic.close();
  });
});
