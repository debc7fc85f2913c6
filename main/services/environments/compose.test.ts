import { describe, expect, it } from 'vitest';
import { hashApiKey, parseBundle, type GatewayBundle } from '../../../gateway-runtime/src/index.js';
import { composeEnvironmentBundle } from './compose.js';
import type { Environment } from './environment-file.js';

function revision(id: string, context: string, plan: string): GatewayBundle {
  const parsed = parseBundle({
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: `r-${id}`,
    apis: [
      {
        id,
        name: id,
        version: '1',
        context,
        type: 'REST',
        operations: [{ method: 'GET', target: '/x' }],
        endpoints: { production: { type: 'http', url: 'http://127.0.0.1:1', timeoutMs: 5000 } },
        security: { apiKey: { header: 'apikey' } },
        plans: [plan],
      },
    ],
    policies: {
      subscription: [{ name: plan, limit: { requests: 10, unitTime: 1, timeUnit: 'min' } }],
    },
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return parsed.bundle;
}

const environment: Environment = {
  name: 'prod',
  nodes: [{ name: 'n', adminUrl: 'http://127.0.0.1:9' }],
  secrets: [],
  endpoints: { 'A-1': { production: 'https://a.prod.internal' } },
};

describe('composeEnvironmentBundle', () => {
  it('merges revisions, applies overrides and syncs applications and subscriptions of served APIs', () => {
    const bundle = composeEnvironmentBundle(
      environment,
      [
        { apiId: 'A-1', bundle: revision('a', '/a', 'Gold') },
        { apiId: 'B-1', bundle: revision('b', '/b', 'Gold') },
      ],
      {
        applications: [
          {
            id: 'app',
            name: 'App',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey('k')] }],
          },
        ],
        subscriptions: [
          { id: 's1', applicationId: 'app', apiId: 'a', plan: 'Gold', status: 'UNBLOCKED' },
          { id: 's2', applicationId: 'app', apiId: 'gone', plan: 'Gold', status: 'UNBLOCKED' },
        ],
      },
    );
    expect(bundle.apis.map((a) => [a.id, a.endpoints.production])).toEqual([
      ['a', { type: 'http', url: 'https://a.prod.internal', timeoutMs: 5000 }],
      ['b', { type: 'http', url: 'http://127.0.0.1:1', timeoutMs: 5000 }],
    ]);
    expect(bundle.policies.subscription.map((p) => p.name)).toEqual(['Gold']);
    expect(bundle.applications.map((a) => a.id)).toEqual(['app']);
    expect(bundle.subscriptions.map((s) => s.id)).toEqual(['s1']);
    expect(bundle.revision).toMatch(/^e-[0-9a-f]{16}$/);
    // Same content, same revision (nodes that took one push agree); other content, another.
    const only = (plan: string) =>
      composeEnvironmentBundle(environment, [{ apiId: 'A-1', bundle: revision('a', '/a', plan) }]);
    expect(only('Gold').revision).toBe(only('Gold').revision);
    expect(only('Gold').revision).not.toBe(only('Silver').revision);
  });
});
