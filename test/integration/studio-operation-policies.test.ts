/**
 * An API policy given to one operation (and to a whole API) in the studio reaches the
 * local gateway: the operation opened to anonymous callers answers 200 twice and then
 * 429 under a 2-per-minute policy, while the API's other operations are unaffected;
 * a policy in use cannot be deleted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../main/ipc/contract.js';
import { StudioError } from '../../main/services/errors.js';
import { startBackend, type Backend } from './helpers/backend.js';
import { redeployed, studioHarness, until } from './helpers/studio.js';

const studios = studioHarness('portico-op-policies-');
const backends: Backend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
});

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StudioError))
    throw new Error(`expected a StudioError, got ${String(error)}`);
  return `${error.code}: ${error.message}`;
}

const status = async (gateway: GatewayStatus, path: string) =>
  (await fetch(`${gateway.listeners[0]}/petstore/1.0.0${path}`)).status;

describe('API policies on operations at the local gateway', () => {
  it(
    'throttles the one operation given a policy, and keeps a used policy',
    { timeout: 120_000 },
    async () => {
      const { services, root, output } = await studios.start();
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
      await redeployed(services, () =>
        services.policies.save({
          kind: 'api',
          name: 'TwoPerMin',
          limit: { requests: 2, unitTime: 1, timeUnit: 'min' },
        }),
      );

      const apiPolicies = services.policies.names('api');
      expect(
        await rejection(
          services.workspace.updateApiOperation(
            { id: 'PetStore-1.0.0', method: 'GET', target: '/pets', throttlingPolicy: 'Nope' },
            apiPolicies,
          ),
        ),
      ).toMatch(
        /^VALIDATION: throttlingPolicy: unknown API policy "Nope"; must be one of "Unlimited", .*"TwoPerMin"/,
      );

      let detail = await services.workspace.getApi('PetStore-1.0.0');
      const gateway = await redeployed(services, async () => {
        detail = await services.workspace.updateApiOperation(
          {
            id: 'PetStore-1.0.0',
            method: 'GET',
            target: '/pets',
            auth: 'none',
            throttlingPolicy: 'TwoPerMin',
            scopes: ['read:pets'],
          },
          apiPolicies,
        );
      });
      expect(
        detail.operations.find((op) => op.target === '/pets' && op.method === 'GET'),
      ).toMatchObject({
        auth: 'none',
        throttlingPolicy: 'TwoPerMin',
        scopes: ['read:pets'],
      });
      const apiYaml = await readFile(join(root, 'apis', 'PetStore-1.0.0', 'api.yaml'), 'utf8');
      expect(apiYaml).toMatch(
        /- target: \/pets\n {6}verb: GET\n {6}authType: None\n {6}throttlingPolicy: TwoPerMin\n {6}scopes:\n {8}- read:pets\n/,
      );

      // Anonymous now, and limited to 2 per minute; other operations still need a credential.
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push(await status(gateway, '/pets'));
      expect(statuses).toEqual([200, 200, 429]);
      expect(await status(gateway, '/pets/1')).toBe(401);

      expect(await rejection(services.policies.delete('api', 'TwoPerMin'))).toBe(
        'CONFLICT: name: cannot delete api policy TwoPerMin: used by PetStore-1.0.0 GET /pets; move them to another policy first',
      );

      // The whole API's policy, set and removed in api.yaml.
      detail = await services.workspace.updateApiSettings(
        { id: 'PetStore-1.0.0', throttlingPolicy: 'TwoPerMin' },
        apiPolicies,
      );
      expect(detail.throttlingPolicy).toBe('TwoPerMin');
      expect(await readFile(join(root, 'apis', 'PetStore-1.0.0', 'api.yaml'), 'utf8')).toContain(
        'apiThrottlingPolicy: TwoPerMin',
      );
      detail = await services.workspace.updateApiSettings(
        { id: 'PetStore-1.0.0', throttlingPolicy: null },
        apiPolicies,
      );
      expect(detail.throttlingPolicy).toBeNull();
    },
  );

  it('names the field for a bad scope or an unknown operation', async () => {
    const { services } = await studios.start();
    expect(
      await rejection(
        services.workspace.updateApiOperation({
          id: 'PetStore-1.0.0',
          method: 'GET',
          target: '/pets',
          scopes: ['ok', 'has space'],
        }),
      ),
    ).toMatch(/^VALIDATION: scopes\[1\]: "has space" is not an OAuth2 scope/);
    expect(
      await rejection(
        services.workspace.updateApiOperation({
          id: 'PetStore-1.0.0',
          method: 'PATCH',
          target: '/pets',
        }),
      ),
    ).toMatch(
      /^NOT_FOUND: method\/target: PetStore-1\.0\.0 has no operation PATCH \/pets; its operations are: GET \/pets, /,
    );
  });
});
