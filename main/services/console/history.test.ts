import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleRequest, ConsoleResponse } from '../../ipc/contract-console.js';
import { openStore, type Store } from '../store/store.js';
import { ConsoleHistory, HISTORY_LIMIT } from './history.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const run of cleanup.splice(0)) await run();
});

async function history(): Promise<ConsoleHistory> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-history-'));
  const store: Store = openStore({ userDataPath: dir });
  cleanup.push(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return new ConsoleHistory(store.db, () => new Date('2026-01-02T03:04:05Z'));
}

const request = (path: string, key?: string): ConsoleRequest => ({
  apiId: 'A-1',
  method: 'GET',
  path,
  query: [],
  headers: [],
  body: null,
  credentials: key === undefined ? { type: 'none' } : { type: 'apiKey', key },
  keyType: 'PRODUCTION',
});

const response: ConsoleResponse = {
  url: 'http://127.0.0.1:1/a/1/x',
  requestId: 'r-1',
  status: 204,
  headers: [],
  contentType: null,
  body: '',
  bodyBytes: 0,
  truncated: false,
  timings: { dnsMs: null, connectMs: 1, ttfbMs: 2, totalMs: 3 },
  rateLimit: { policy: null, limit: null, retryAfter: null },
  events: null,
  tokens: null,
};

describe('ConsoleHistory', () => {
  it('lists newest first per workspace and API, reopens and clears', async () => {
    const h = await history();
    const first = h.add('/ws', request('/x'), { response });
    h.add('/ws', request('/y', 'pasted-secret'), { error: 'refused' });
    h.add('/other', request('/z'), { response });
    expect(h.list('/ws', 'A-1').map((e) => [e.path, e.status, e.error])).toEqual([
      ['/y', null, 'refused'],
      ['/x', 204, null],
    ]);
    expect(h.get('/ws', first)).toMatchObject({
      sentAt: '2026-01-02T03:04:05.000Z',
      totalMs: 3,
      response,
    });
    const pasted = h.list('/ws', 'A-1')[0]!;
    expect(h.get('/ws', pasted.id).request.credentials).toEqual({ type: 'apiKey' });
    expect(() => h.get('/other', first)).toThrow(/no history entry/);
    h.clear('/ws', 'A-1');
    expect(h.list('/ws', 'A-1')).toEqual([]);
    expect(h.list('/other', 'A-1')).toHaveLength(1);
  });

  it(`keeps the last ${HISTORY_LIMIT} requests of an API`, async () => {
    const h = await history();
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) h.add('/ws', request(`/${i}`), { response });
    const list = h.list('/ws', 'A-1');
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]?.path).toBe(`/${HISTORY_LIMIT + 4}`);
    expect(list.at(-1)?.path).toBe('/5');
  });
});
