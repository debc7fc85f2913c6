/**
 * Applications, keys and subscriptions through the real local gateway (a Node child
 * under tsx): the studio's store changes redeploy the bundle, and the gateway
 * enforces what the studio recorded: API keys, resident-key-manager JWTs,
 * subscriptions and their approval.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../main/ipc/contract.js';
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
  const base = await mkdtemp(join(tmpdir(), 'portico-apps-'));
  dirs.push(base);
  const output: string[] = [];
  const services = await createStudioServices(studioOptions(base, output));
  open.push(services);
  return { services, output };
}

async function call(
  status: GatewayStatus,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: { code?: string; url?: string } }> {
  const response = await fetch(`${status.listeners[0]}${path}`, { headers });
  return {
    status: response.status,
    body: (await response.json()) as { code?: string; url?: string },
  };
}

describe('applications through the local gateway', () => {
  it(
    'an API key or a resident JWT reaches the backend only with an approved subscription',
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

      const mobile = services.applications.create({ name: 'Mobile', throttlingPolicy: '50PerMin' });
      let key = '';
      let status = await redeployed(services, () => {
        key = services.applications.generateApiKey(mobile.id, 'PRODUCTION').apiKey;
      });
      expect(await call(status, '/petstore/1.0.0/pets', { apikey: key })).toMatchObject({
        status: 403,
        body: { code: 'NOT_SUBSCRIBED' },
      });
      expect((await call(status, '/petstore/1.0.0/pets', { apikey: `${key}x` })).status).toBe(401);

      status = await redeployed(services, () =>
        services.subscriptions.create({
          applicationId: mobile.id,
          apiId: 'PetStore-1.0.0',
          plan: 'Gold',
        }),
      );
      const viaKey = await call(status, '/petstore/1.0.0/pets?limit=2', { apikey: key });
      expect(viaKey).toMatchObject({ status: 200, body: { url: '/pets?limit=2' } });
      expect(backend.requests).toHaveLength(1);

      // A JWT from the resident key manager creates the app's `local` client on first use.
      let token = '';
      status = await redeployed(services, async () => {
        token = (
          await services.keyManager.issueToken({ applicationId: mobile.id, keyType: 'PRODUCTION' })
        ).accessToken;
      });
      const viaJwt = await call(status, '/petstore/1.0.0/pets', {
        authorization: `Bearer ${token}`,
      });
      expect(viaJwt.status).toBe(200);
      expect(backend.requests).toHaveLength(2);

      // Approval: ON_HOLD is refused until approved; then the same key passes.
      const partner = services.applications.create({ name: 'Partner' });
      let partnerKey = '';
      await redeployed(services, () => {
        partnerKey = services.applications.generateApiKey(partner.id, 'PRODUCTION').apiKey;
      });
      let held = services.subscriptions.pending()[0];
      status = await redeployed(services, () => {
        held = services.subscriptions.create({
          applicationId: partner.id,
          apiId: 'PetStore-1.0.0',
          plan: 'Bronze',
          requireApproval: true,
        });
      });
      expect(services.subscriptions.pending().map((s) => s.id)).toEqual([held?.id]);
      expect(await call(status, '/petstore/1.0.0/pets', { apikey: partnerKey })).toMatchObject({
        status: 403,
        body: { code: 'SUBSCRIPTION_ON_HOLD' },
      });
      status = await redeployed(services, () =>
        services.subscriptions.setStatus(held?.id ?? '', 'UNBLOCKED'),
      );
      expect((await call(status, '/petstore/1.0.0/pets', { apikey: partnerKey })).status).toBe(200);
      expect(backend.requests).toHaveLength(3);

      // Deleting the application takes its keys and subscriptions out of the gateway.
      status = await redeployed(services, () => services.applications.delete(partner.id));
      expect((await call(status, '/petstore/1.0.0/pets', { apikey: partnerKey })).status).toBe(401);
    },
  );
});
