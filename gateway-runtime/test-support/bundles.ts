/**
 * Bundle builders for the gateway's unit and integration tests (not shipped: the
 * build compiles src/ and bin/ only).
 */
import { hashApiKey } from '../src/auth/index.js';
import type { ApiSpecInput, GatewayBundle, GatewayBundleInput } from '../src/model/bundle.js';
import { parseBundle } from '../src/model/parse.js';

/** Raw API keys of the test application `app-1` and `app-2`. */
export const keys = {
  production: 'prod-key-app-1',
  sandbox: 'sandbox-key-app-1',
  other: 'prod-key-app-2',
} as const;

/** One API at `/svc/v1` (default version) proxying to `backendUrl`. */
export function testApi(backendUrl: string, overrides: Partial<ApiSpecInput> = {}): ApiSpecInput {
  return {
    id: 'svc',
    name: 'Service',
    version: 'v1',
    context: '/svc',
    isDefaultVersion: true,
    operations: [
      { method: 'GET', target: '/items' },
      { method: 'GET', target: '/items/{id}' },
      { method: 'POST', target: '/items' },
      { method: 'POST', target: '/upload' },
      { method: 'GET', target: '/slow' },
      { method: 'GET', target: '/stream' },
      { method: 'GET', target: '/open', auth: 'none' },
    ],
    endpoints: {
      production: { type: 'http', url: `${backendUrl}/prod`, timeoutMs: 5000 },
      sandbox: { type: 'http', url: `${backendUrl}/sandbox`, timeoutMs: 5000 },
    },
    plans: ['Gold', 'Bronze'],
    ...overrides,
  };
}

/** A bundle with `app-1` (production and sandbox keys) and `app-2`, both subscribed to every API given. */
export function testBundle(
  apis: ApiSpecInput[],
  overrides: Partial<GatewayBundleInput> = {},
): GatewayBundleInput {
  return {
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: 'r-1',
    apis,
    applications: [
      {
        id: 'app-1',
        name: 'One',
        keys: [
          { keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] },
          { keyType: 'SANDBOX', apiKeyHashes: [hashApiKey(keys.sandbox)] },
        ],
      },
      {
        id: 'app-2',
        name: 'Two',
        keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
      },
    ],
    subscriptions: apis.flatMap((api) => [
      {
        id: `sub-1-${api.id}`,
        applicationId: 'app-1',
        apiId: api.id,
        plan: 'Gold',
        status: 'UNBLOCKED' as const,
      },
      {
        id: `sub-2-${api.id}`,
        applicationId: 'app-2',
        apiId: api.id,
        plan: 'Bronze',
        status: 'UNBLOCKED' as const,
      },
    ]),
    policies: {
      subscription: [
        {
          name: 'Gold',
          limit: { requests: 1000, unitTime: 1, timeUnit: 'min' },
          billing: { model: 'COMMERCIAL', currency: 'USD', pricePerRequest: 0.5 },
        },
        { name: 'Bronze', limit: { requests: 10, unitTime: 1, timeUnit: 'min' } },
      ],
      application: [],
      api: [],
    },
    ...overrides,
  };
}

/** Parses a test bundle, failing loudly with its issues. */
export function parsed(input: GatewayBundleInput): GatewayBundle {
  const result = parseBundle(input);
  if (!result.ok) throw new Error(`test bundle invalid: ${JSON.stringify(result.issues)}`);
  return result.bundle;
}
