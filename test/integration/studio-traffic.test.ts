/**
 * The studio's traffic log and analytics over the real gateway child: requests sent
 * to the local gateway show up as live rows, can be filtered, read in full with the
 * pipeline's decisions and exported as HAR; the analytics summary counts them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrafficRow } from '../../main/ipc/contract.js';
import { createStudioServices, type StudioServices } from '../../main/services/index.js';
import { startBackend, type Backend } from './helpers/backend.js';
import { redeployed, studioOptions, until } from './helpers/studio.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
const backends: Backend[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const backend of backends.splice(0)) await backend.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<{ services: StudioServices; output: string[] }> {
  const base = await mkdtemp(join(tmpdir(), 'portico-traffic-'));
  dirs.push(base);
  const output: string[] = [];
  const services = await createStudioServices(studioOptions(base, output));
  open.push(services);
  return { services, output };
}

describe('the studio traffic log', () => {
  it(
    'shows live rows, filters them, opens one with its decisions and exports HAR; analytics count them',
    { timeout: 120_000 },
    async () => {
      const { services, output } = await start();
      const first = await until(services, (s) => s.state === 'running' || s.state === 'error');
      expect(first.state, `${first.error}\n${output.join('\n')}`).toBe('running');
      const backend = await startBackend();
      backends.push(backend);
      await redeployed(services, () =>
        services.workspace.updateApiSettings({
          id: 'PetStore-1.0.0',
          endpoints: { production: backend.url },
        }),
      );
      const mobile = services.applications.create({ name: 'Mobile' });
      let key = '';
      await redeployed(services, () => {
        key = services.applications.generateApiKey(mobile.id, 'PRODUCTION').apiKey;
      });
      const status = await redeployed(services, () =>
        services.subscriptions.create({
          applicationId: mobile.id,
          apiId: 'PetStore-1.0.0',
          plan: 'Gold',
        }),
      );

      // The gateway's API id (the bundle's), which the log and its filters use.
      const apiId = status.apis.find((a) => a.context === '/petstore')?.id ?? 'missing';
      const live: TrafficRow[] = [];
      const off = services.traffic.onEntries((rows) => live.push(...rows));
      // The traffic view holds a watch while it is open; polling runs only then.
      const unwatch = services.traffic.watch();
      const base = status.listeners[0];
      const ok = await fetch(`${base}/petstore/1.0.0/pets?limit=2`, { headers: { apikey: key } });
      expect(ok.status).toBe(200);
      const denied = await fetch(`${base}/petstore/1.0.0/pets`, { headers: { apikey: 'wrong' } });
      expect(denied.status).toBe(401);
      const missing = await fetch(`${base}/nowhere/1.0.0/x`);
      expect(missing.status).toBe(404);

      // Pushed without anyone asking: the service polls while the log is watched.
      for (let i = 0; i < 100 && live.length < 3; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      unwatch();
      off();
      expect(live.map((r) => r.status)).toEqual([200, 401, 404]);
      expect(live[0]).toMatchObject({
        apiId,
        applicationId: mobile.id,
        plan: 'Gold',
        path: '/petstore/1.0.0/pets',
        query: '?limit=2',
      });

      const all = await services.traffic.list({});
      expect(all.capturing).toBe(true);
      expect(all.rows.map((r) => r.status)).toEqual([200, 401, 404]);
      expect((await services.traffic.list({ status: '4xx' })).rows.map((r) => r.status)).toEqual([
        401, 404,
      ]);
      expect((await services.traffic.list({ apiId })).rows.map((r) => r.status)).toEqual([
        200, 401,
      ]);
      expect(
        (await services.traffic.list({ applicationId: mobile.id })).rows.map((r) => r.status),
      ).toEqual([200]);
      expect((await services.traffic.list({ text: 'nowhere' })).total).toBe(1);

      const entry = await services.traffic.get(live[0]?.seq ?? 0);
      expect(entry.request.headers.apikey).toBe('[redacted]');
      expect(JSON.stringify(entry)).not.toContain(key);
      expect(entry.decisions).toMatchObject({
        auth: { credential: 'apiKey', keyType: 'PRODUCTION' },
        endpoint: { type: 'http', target: backend.url },
        errorCode: null,
      });
      const rejected = await services.traffic.get(live[1]?.seq ?? 0);
      expect(rejected.decisions.errorCode).toBe('INVALID_CREDENTIALS');
      await expect(services.traffic.get(9999)).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const exported = await services.traffic.exportHar({ status: '4xx' });
      expect(exported.fileName).toMatch(/^portico-traffic-.*\.har$/);
      const har = JSON.parse(exported.content) as {
        log: { version: string; entries: { response: { status: number } }[] };
      };
      expect(har.log.version).toBe('1.2');
      expect(har.log.entries.map((e) => e.response.status)).toEqual([401, 404]);

      // The gateway flushes analytics in batches; wait for all three events.
      let byStatus: { key: string | null; requests: number }[] = [];
      for (let i = 0; i < 100; i++) {
        byStatus = (
          await services.analytics.summary({ source: { kind: 'local' }, groupBy: 'status' })
        ).rows;
        if (byStatus.reduce((n, r) => n + r.requests, 0) >= 3) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(Object.fromEntries(byStatus.map((r) => [r.key, r.requests]))).toEqual({
        '200': 1,
        '401': 1,
        '404': 1,
      });
      const overall = await services.analytics.summary({
        source: { kind: 'local' },
        groupBy: 'all',
        intervalSec: 60,
      });
      expect(overall.rows.reduce((n, r) => n + r.requests, 0)).toBe(3);
      expect(overall.rows.reduce((n, r) => n + r.errors, 0)).toBe(2);
      expect(overall.rows.every((r) => r.key === 'all' && typeof r.bucket === 'string')).toBe(true);

      await services.traffic.clear();
      expect((await services.traffic.list({})).rows).toEqual([]);
    },
  );
});
