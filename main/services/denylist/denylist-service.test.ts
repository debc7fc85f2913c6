import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeSignal } from '../applications/changes.js';
import { StudioError } from '../errors.js';
import { openStore, type Store } from '../store/store.js';
import { DenylistService, type LocalGatewayAdmin } from './denylist-service.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup(gateway: LocalGatewayAdmin | null) {
  const dir = await mkdtemp(join(tmpdir(), 'portico-denylist-'));
  dirs.push(dir);
  const store = openStore({ userDataPath: dir });
  stores.push(store);
  const changes = new ChangeSignal();
  let changed = 0;
  changes.on(() => (changed += 1));
  return { service: new DenylistService(store.db, changes, gateway), changed: () => changed };
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof StudioError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('DenylistService', () => {
  it('stores entries, sends each change to the running gateway and filters the list', async () => {
    const calls: string[] = [];
    const { service, changed } = await setup({
      async admin(method, path, body) {
        calls.push(`${method} ${path} ${JSON.stringify(body ?? null)}`);
        return { status: method === 'POST' ? 201 : 200, body: null };
      },
    });
    const ip = await service.add({ type: 'IP', value: ' 203.0.113.7 ', description: 'scraper' });
    expect(ip).toMatchObject({ applied: true, entry: { value: '203.0.113.7', enabled: true } });
    const range = await service.add({ type: 'IP_RANGE', value: '10.0.0.0/8', enabled: false });
    await service.add({ type: 'API', value: '/petstore/1.0.0' });
    expect(calls[0]).toBe(
      `POST /admin/v1/denylist ${JSON.stringify({ id: ip.entry?.id, type: 'IP', value: '203.0.113.7', enabled: true, description: 'scraper' })}`,
    );
    expect(service.list({ enabled: false }).map((e) => e.value)).toEqual(['10.0.0.0/8']);
    expect(service.list({ type: 'API' }).map((e) => e.value)).toEqual(['/petstore/1.0.0']);
    expect(service.list({ search: 'SCRAP' }).map((e) => e.value)).toEqual(['203.0.113.7']);

    await service.setEnabled(range.entry?.id ?? '', true);
    await service.delete(ip.entry?.id ?? '');
    expect(calls.slice(3)).toEqual([
      `PATCH /admin/v1/denylist/${range.entry?.id} {"enabled":true}`,
      `DELETE /admin/v1/denylist/${ip.entry?.id} null`,
    ]);
    expect(service.forBundle()).toEqual([
      { id: expect.any(String), type: 'API', value: '/petstore/1.0.0', enabled: true },
      { id: range.entry?.id, type: 'IP_RANGE', value: '10.0.0.0/8', enabled: true },
    ]);
    expect(changed()).toBe(5);
  });

  it('refuses bad values with the field and what is valid, and duplicates', async () => {
    const { service } = await setup(null);
    expect(await failure(() => service.add({ type: 'IP', value: '999.1.1.1' }))).toBe(
      'VALIDATION: value: must be an IPv4 or IPv6 address for type IP',
    );
    expect(await failure(() => service.add({ type: 'API', value: 'petstore' }))).toBe(
      'VALIDATION: value: must be the API context and version, e.g. /petstore/1.0.0',
    );
    expect(await failure(() => service.add({ type: 'APPLICATION', value: 'app-x' }))).toMatch(
      /^VALIDATION: value: no application with id "app-x"/,
    );
    expect((await service.add({ type: 'USER', value: 'alice' })).applied).toBe(false);
    expect(await failure(() => service.add({ type: 'USER', value: 'alice' }))).toMatch(
      /^CONFLICT: value: USER alice is already on the denylist/,
    );
    expect(await failure(() => service.setEnabled('d-none', true))).toBe(
      'NOT_FOUND: id: no denylist entry "d-none"',
    );
  });
});
