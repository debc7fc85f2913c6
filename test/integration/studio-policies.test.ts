/**
 * Plans as workspace files and the local denylist, through the real local gateway
 * (a Node child under tsx): a plan edited in `policies/subscription-Gold.yaml`
 * throttles at the gateway after the redeploy the edit causes; the throttle reset
 * clears the application's counters; a denylist entry added through the service
 * blocks the very next request, before any redeploy.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../main/ipc/contract.js';
import { StudioError } from '../../main/services/errors.js';
import { startBackend, type Backend } from './helpers/backend.js';
import { redeployed, studioHarness, until } from './helpers/studio.js';

const studios = studioHarness('portico-policies-');
const start = () => studios.start();
const backends: Backend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
});

async function get(
  status: GatewayStatus,
  apikey: string,
): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${status.listeners[0]}/petstore/1.0.0/pets`, {
    headers: { apikey },
  });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, ...(body.code ? { code: body.code } : {}) };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StudioError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('workspace plans and the denylist at the local gateway', () => {
  it(
    'enforces a plan edited in its file, resets throttling and blocks a denylisted address at once',
    { timeout: 120_000 },
    async () => {
      const { services, root, output } = await start();
      const first = await until(services, (s) => s.state === 'running' || s.state === 'error');
      expect(first.state, `${first.error}\n${output.join('\n')}`).toBe('running');
      await services.workspace.watching();
      const backend = await startBackend();
      backends.push(backend);
      await redeployed(services, () =>
        services.workspace.updateApiSettings({
          id: 'PetStore-1.0.0',
          endpoints: { production: backend.url },
        }),
      );

      // The sample ships the default plans as files; they are the names the services accept.
      expect(services.policies.list().usingDefaults).toBe(false);
      expect(services.policies.names('subscription')).toEqual([
        'Unlimited',
        'Bronze',
        'Gold',
        'Silver',
      ]);
      const app = services.applications.create({ name: 'Mobile' });
      expect(
        failure(() =>
          services.subscriptions.create({
            applicationId: app.id,
            apiId: 'PetStore-1.0.0',
            plan: 'Platinum',
          }),
        ),
      ).toMatch(
        /^VALIDATION: plan: unknown subscription plan "Platinum"; must be one of "Unlimited", "Bronze"/,
      );
      let key = '';
      await redeployed(services, () => {
        key = services.applications.generateApiKey(app.id, 'PRODUCTION').apiKey;
      });
      let status = await redeployed(services, () =>
        services.subscriptions.create({
          applicationId: app.id,
          apiId: 'PetStore-1.0.0',
          plan: 'Gold',
        }),
      );
      expect((await get(status, key)).status).toBe(200);

      // Edit Gold in its file, as a user would in an editor: 2 requests per minute.
      const file = join(root, 'policies', 'subscription-Gold.yaml');
      const text = await readFile(file, 'utf8');
      expect(text).toContain('requests: 5000');
      status = await redeployed(services, () =>
        writeFile(file, text.replace('requests: 5000', 'requests: 2')),
      );
      const gold = services.policies.bundlePolicies().subscription.find((p) => p.name === 'Gold');
      expect(gold?.limit?.requests).toBe(2);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await get(status, key)).status);
      expect(statuses).toEqual([200, 200, 429]);

      // Reset throttling clears the application's counters: the next call passes.
      const reset = await services.throttle.reset(app.id);
      expect(reset.applicationId).toBe(app.id);
      expect(reset.cleared).toBeGreaterThan(0);
      expect((await get(status, key)).status).toBe(200);

      // A denylisted address is refused by the running gateway before any redeploy.
      const added = await services.denylist.add({
        type: 'IP',
        value: '127.0.0.1',
        description: 'test',
      });
      expect(added.applied).toBe(true);
      expect(await get(status, key)).toEqual({ status: 403, code: 'DENYLISTED' });
      // ...and the redeploy that follows carries it in the bundle.
      status = await until(
        services,
        (s) => s.state === 'running' && s.revision !== status.revision,
      );
      expect(await get(status, key)).toEqual({ status: 403, code: 'DENYLISTED' });

      const disabled = await services.denylist.setEnabled(added.entry?.id ?? '', false);
      expect(disabled).toMatchObject({ applied: true, entry: { enabled: false } });
      expect((await get(status, key)).status).toBe(200);
      expect(services.denylist.list({ enabled: false }).map((e) => e.value)).toEqual(['127.0.0.1']);
      expect(services.denylist.list({ type: 'USER' })).toEqual([]);
      await expect(services.denylist.add({ type: 'IP_RANGE', value: '10.0.0.1' })).rejects.toThrow(
        /value: must be a CIDR range/,
      );
    },
  );
});
