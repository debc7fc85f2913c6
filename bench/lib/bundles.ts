/**
 * Gateway bundles for the benches, typed by the runtime's own input type so a schema
 * change breaks the bench at compile time instead of at run time.
 */
import type { GatewayBundleInput } from '../../gateway-runtime/src/index.js';

type Limit = { requests: number; unitTime: number; timeUnit: 'sec' | 'min' | 'hour' | 'day' };

/** Far above any load a 2-core machine can generate: policies are evaluated, never hit. */
export const HIGH: Limit = { requests: 1_000_000_000, unitTime: 1, timeUnit: 'min' };

/** One open operation, no credentials, no subscription, no policy: routing and proxying only. */
export function openBundle(backend: string): GatewayBundleInput {
  return {
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: 'bench-open',
    apis: [
      {
        id: 'bench',
        name: 'Bench',
        version: '1',
        context: '/bench',
        operations: [{ method: 'GET', target: '/item', auth: 'none' }],
        endpoints: { production: { type: 'http', url: backend, timeoutMs: 10_000 } },
        subscriptionRequired: false,
      },
    ],
  };
}

export interface ChainOptions {
  backend: string;
  issuer: string;
  jwksUrl: string;
  audience: string;
  clientId: string;
  /** Limits of the application, subscription (plan) and API policies. */
  limits?: { application?: Limit; subscription?: Limit; api?: Limit };
  revision?: string;
}

/**
 * The full chain: a JWT verified with keys from a JWKS over HTTP (audience checked),
 * a subscription under a plan, application + subscription + API throttling policies.
 */
export function chainBundle(o: ChainOptions): GatewayBundleInput {
  return {
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: o.revision ?? 'bench-chain',
    apis: [
      {
        id: 'bench',
        name: 'Bench',
        version: '1',
        context: '/bench',
        operations: [{ method: 'GET', target: '/item' }],
        endpoints: { production: { type: 'http', url: o.backend, timeoutMs: 10_000 } },
        security: { apiKey: null, oauth2: { keyManagers: ['idp'], audiences: [o.audience] } },
        subscriptionRequired: true,
        plans: ['Gold'],
        throttlingPolicy: 'api-level',
      },
    ],
    applications: [
      {
        id: 'bench-app',
        name: 'BenchApp',
        throttlingPolicy: 'app-level',
        keys: [{ keyType: 'PRODUCTION', consumerKey: o.clientId, keyManager: 'idp' }],
      },
    ],
    subscriptions: [
      {
        id: 'bench-sub',
        applicationId: 'bench-app',
        apiId: 'bench',
        plan: 'Gold',
        status: 'UNBLOCKED',
      },
    ],
    policies: {
      subscription: [
        {
          name: 'Gold',
          limit: o.limits?.subscription ?? HIGH,
          stopOnQuotaReach: true,
          billing: { model: 'FREE' },
        },
      ],
      application: [{ name: 'app-level', limit: o.limits?.application ?? HIGH }],
      api: [{ name: 'api-level', limit: o.limits?.api ?? HIGH }],
    },
    keyManagers: [{ name: 'idp', type: 'oidc', issuer: o.issuer, jwksUrl: o.jwksUrl }],
  };
}

/** An API-key application under one request limit, for the admission bench. */
export function limitedBundle(
  backend: string,
  apiKeyHash: string,
  limit: Limit,
): GatewayBundleInput {
  return {
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: 'bench-limits',
    apis: [
      {
        id: 'bench',
        name: 'Bench',
        version: '1',
        context: '/bench',
        operations: [{ method: 'GET', target: '/item' }],
        endpoints: { production: { type: 'http', url: backend, timeoutMs: 10_000 } },
        security: { apiKey: { header: 'apikey' }, oauth2: null },
        subscriptionRequired: true,
        plans: ['Limited'],
      },
    ],
    applications: [
      {
        id: 'bench-app',
        name: 'BenchApp',
        keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [apiKeyHash] }],
      },
    ],
    subscriptions: [
      {
        id: 'bench-sub',
        applicationId: 'bench-app',
        apiId: 'bench',
        plan: 'Limited',
        status: 'UNBLOCKED',
      },
    ],
    policies: {
      subscription: [
        { name: 'Limited', limit, stopOnQuotaReach: true, billing: { model: 'FREE' } },
      ],
    },
  };
}
