import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../ipc/contract.js';
import { localGatewaySecrets, syncSecretsOnStart, withAiVendors } from './wiring.js';

const status = (state: GatewayStatus['state'], adminUrl: string | null): GatewayStatus => ({
  state,
  listeners: [],
  adminUrl,
  revision: null,
  apis: [],
  error: null,
});

describe('AI vendors wiring', () => {
  it('sends the stored keys once per started gateway process', async () => {
    let listener: (s: GatewayStatus) => void = () => undefined;
    let syncs = 0;
    syncSecretsOnStart(
      { onStatus: (l) => ((listener = l), () => undefined) },
      { syncSecrets: async () => ((syncs += 1), []) },
      () => undefined,
    );
    listener(status('starting', 'http://127.0.0.1:1'));
    listener(status('running', 'http://127.0.0.1:1'));
    listener(status('running', 'http://127.0.0.1:1'));
    expect(syncs).toBe(1);
    listener(status('running', 'http://127.0.0.1:2'));
    expect(syncs).toBe(2);
  });

  it('puts a secret through the admin API, says when no gateway runs, and names a refusal', async () => {
    const calls: unknown[] = [];
    const ok = localGatewaySecrets(async (method, path, body) => {
      calls.push([method, path, body]);
      return { status: 200, body: { name: 'k' } };
    });
    expect(await ok.putSecret('a/b', 'v')).toBe(true);
    expect(calls).toEqual([['PUT', '/admin/v1/secrets/a%2Fb', { value: 'v' }]]);
    expect(await localGatewaySecrets(async () => null).putSecret('k', 'v')).toBe(false);
    await expect(
      localGatewaySecrets(async () => ({ status: 400, body: { message: 'bad name' } })).putSecret(
        'k',
        'v',
      ),
    ).rejects.toMatchObject({
      code: 'GATEWAY_UNAVAILABLE',
      message: expect.stringContaining('bad name'),
    });
  });

  it('adds the workspace vendors to every access snapshot', async () => {
    const base = {
      applications: [],
      subscriptions: [],
      keyManagers: [],
      policies: { subscription: [], application: [], api: [] },
    };
    const source = withAiVendors(
      { snapshot: async () => base, onChanged: () => () => undefined },
      { bundleEntries: async () => [{ name: 'acme', type: 'openai' }] },
    );
    expect(await source.snapshot()).toEqual({
      ...base,
      aiVendors: [{ name: 'acme', type: 'openai' }],
    });
  });
});
