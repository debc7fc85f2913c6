/**
 * The first push from a studio (or a CI job with a fresh data folder) to an
 * environment it has no history for: the APIs its nodes already serve are adopted
 * as revisions, so pushing one API does not silently remove the others. Each
 * served API becomes a one-API bundle with the plans, key managers, vendors and
 * sequences of the bundle it came from; its workspace id is `<name>-<version>`.
 */
import type { GatewayBundle } from '../../../gateway-runtime/src/index.js';
import type { AccessSnapshot } from './compose.js';
import type { RevisionsService } from '../revisions/revisions-service.js';
import { AdminClient, type AdminTarget } from './admin-client.js';
import type { Deployments } from './deployments.js';

/** The bundle the first node that answers serves; null when none serves one. */
async function servedBundle(
  targets: readonly AdminTarget[],
): Promise<{ node: string; bundle: GatewayBundle } | null> {
  for (const target of targets) {
    const client = new AdminClient(target);
    try {
      const res = await client.call('GET', '/admin/v1/bundle');
      if (res.status === 200) return { node: target.name, bundle: res.body as GatewayBundle };
    } catch {
      // Unreachable: ask the next node.
    } finally {
      client.close();
    }
  }
  return null;
}

export async function adoptServedApis(input: {
  root: string;
  environment: string;
  targets: readonly AdminTarget[];
  revisions: RevisionsService;
  deployments: Deployments;
  author: string;
  at: string;
}): Promise<string[]> {
  if (input.deployments.history(input.root, input.environment).length > 0) return [];
  const served = await servedBundle(input.targets);
  if (!served) return [];
  const { bundle, node } = served;
  const adopted: string[] = [];
  for (const api of bundle.apis ?? []) {
    const apiId = `${api.name}-${api.version}`;
    const single: GatewayBundle = {
      ...bundle,
      apis: [api],
      applications: [],
      subscriptions: [],
      denylist: [],
    };
    const revision = input.revisions.adopt(
      apiId,
      single,
      input.author,
      `served by ${node} before the first push`,
    );
    input.deployments.add(input.root, {
      environment: input.environment,
      apiId,
      revisionId: revision.id,
      action: 'push',
      author: input.author,
      at: input.at,
      bundleRevision: bundle.revision,
      results: [{ node, ok: true, revision: bundle.revision }],
    });
    adopted.push(apiId);
  }
  return adopted;
}

/**
 * Without the studio's store of applications (the `portico` command in CI), a push
 * keeps the applications, keys, subscriptions, key managers and plans the
 * environment already serves rather than dropping them.
 */
export async function servedAccess(targets: readonly AdminTarget[]): Promise<AccessSnapshot> {
  const served = await servedBundle(targets);
  if (!served) return {};
  const { applications, subscriptions, keyManagers, policies } = served.bundle;
  return { applications, subscriptions, keyManagers, policies };
}
