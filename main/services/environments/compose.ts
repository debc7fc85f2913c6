/**
 * The one bundle an environment's nodes serve: every API revision deployed to it,
 * with the environment's endpoint overrides, merged with the applications,
 * subscriptions, key managers and plans the studio syncs to it. Sections merge by
 * name (the first wins), so two revisions that carry the same plan do not clash.
 */
import {
  parseBundle,
  type GatewayBundle,
  type GatewayBundleInput,
} from '../../../gateway-runtime/src/index.js';
import { StudioError } from '../errors.js';
import { contentId } from '../revisions/canonical.js';
import type { Environment } from './environment-file.js';

/** What the studio's store adds to every environment bundle (structurally the applications service's snapshot). */
export interface AccessSnapshot {
  applications?: GatewayBundleInput['applications'];
  subscriptions?: GatewayBundleInput['subscriptions'];
  keyManagers?: GatewayBundleInput['keyManagers'];
  policies?: GatewayBundleInput['policies'];
}

/** One deployed API: its workspace id and the revision's bundle. */
export interface DeployedRevision {
  apiId: string;
  bundle: GatewayBundle;
}

function byName<T extends { name: string }>(lists: readonly (readonly T[] | undefined)[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list ?? []) {
      if (seen.has(item.name)) continue;
      seen.add(item.name);
      out.push(item);
    }
  }
  return out;
}

/**
 * The environment bundle, validated; its revision is `e-` and a hash of its content,
 * so nodes serving the same content report the same revision.
 */
export function composeEnvironmentBundle(
  environment: Environment,
  deployed: readonly DeployedRevision[],
  access: AccessSnapshot = {},
): GatewayBundle {
  const apis = deployed.flatMap(({ apiId, bundle }) =>
    bundle.apis.map((api) => {
      const override = environment.endpoints[apiId];
      if (!override) return api;
      const endpoints = { ...api.endpoints };
      // An override keeps the endpoint's timeout when it was an HTTP endpoint already.
      const http = (url: string, was: (typeof endpoints)['production']) => ({
        type: 'http' as const,
        url,
        timeoutMs: was?.type === 'http' ? was.timeoutMs : 30_000,
      });
      if (override.production)
        endpoints.production = http(override.production, endpoints.production);
      if (override.sandbox) endpoints.sandbox = http(override.sandbox, endpoints.sandbox);
      return { ...api, endpoints };
    }),
  );
  const apiIds = new Set(apis.map((a) => a.id));
  const revisions = deployed.map((d) => d.bundle);
  const content = {
    apiVersion: 'portico/v1' as const,
    kind: 'GatewayBundle' as const,
    apis,
    applications: access.applications ?? [],
    // A subscription to an API this environment does not serve would fail the bundle's references.
    subscriptions: (access.subscriptions ?? []).filter((s) => apiIds.has(s.apiId)),
    policies: {
      subscription: byName([
        access.policies?.subscription,
        ...revisions.map((r) => r.policies.subscription),
      ]),
      application: byName([
        access.policies?.application,
        ...revisions.map((r) => r.policies.application),
      ]),
      api: byName([access.policies?.api, ...revisions.map((r) => r.policies.api)]),
    },
    keyManagers: byName([access.keyManagers, ...revisions.map((r) => r.keyManagers)]),
    aiVendors: byName(revisions.map((r) => r.aiVendors)),
    sequences: byName(revisions.map((r) => r.sequences)),
    denylist: [],
  };
  const parsed = parseBundle({ ...content, revision: contentId('e-', content) });
  if (!parsed.ok) {
    throw new StudioError(
      'VALIDATION',
      `the bundle for environment ${environment.name} is invalid: ${parsed.issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.bundle;
}
