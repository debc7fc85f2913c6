/**
 * Assembles what the store and the workspace's policy files contribute to the local
 * bundle (applications, key hashes, consumer keys, subscriptions, the resident key
 * manager, the plans, the denylist) and tells the gateway host when any of it
 * changes, so it redeploys. (Edits to policy files redeploy as workspace changes.)
 */
import type { Policies } from '../../../gateway-runtime/src/index.js';
import type { ApplicationInput, BundleAccess } from '../bundle-builder.js';
import type { DenylistService } from '../denylist/denylist-service.js';
import type { ResidentKeyManager } from '../key-manager/resident-key-manager.js';
import type { ApplicationsService, KeyType } from './applications-service.js';
import type { ChangeSignal } from './changes.js';
import { defaultPolicies } from './default-policies.js';
import type { SubscriptionsService } from './subscriptions-service.js';

/** The gateway host's view of the store. */
export interface AccessSource {
  snapshot(): Promise<BundleAccess>;
  onChanged(listener: () => void): () => void;
}

function keysOf(
  app: ReturnType<ApplicationsService['list']>[number],
  hashes: ReturnType<ApplicationsService['apiKeyHashes']>,
  knownManagers: ReadonlySet<string>,
): ApplicationInput['keys'] {
  const keys: NonNullable<ApplicationInput['keys']> = [];
  for (const keyType of ['PRODUCTION', 'SANDBOX'] as const satisfies readonly KeyType[]) {
    const apiKeyHashes = hashes
      .filter((h) => h.applicationId === app.id && h.keyType === keyType)
      .map((h) => h.hash);
    // Consumer keys of external key managers whose definitions are not in the bundle
    // would fail its validation; they wait until that key manager is configured.
    const consumer = app.consumerKeys.filter(
      (c) => c.keyType === keyType && knownManagers.has(c.keyManager),
    );
    // The bundle pairs one consumer key with one key manager per key entry, so each
    // registered client gets its own entry; the API key hashes ride on the first.
    if (consumer.length === 0 && apiKeyHashes.length > 0) keys.push({ keyType, apiKeyHashes });
    consumer.forEach((c, index) => {
      keys.push({
        keyType,
        apiKeyHashes: index === 0 ? apiKeyHashes : [],
        consumerKey: c.consumerKey,
        keyManager: c.keyManager,
      });
    });
  }
  return keys;
}

export function createAccessSource(deps: {
  applications: ApplicationsService;
  subscriptions: SubscriptionsService;
  residentKeyManager: ResidentKeyManager;
  changes: ChangeSignal;
  /** The workspace's plan set; default: the built-in defaults. */
  policies?: () => Policies;
  denylist?: Pick<DenylistService, 'forBundle'>;
}): AccessSource {
  return {
    async snapshot() {
      const resident = await deps.residentKeyManager.bundleEntry();
      const knownManagers = new Set([resident.name]);
      const hashes = deps.applications.apiKeyHashes();
      const applications: ApplicationInput[] = deps.applications.list().map((app) => ({
        id: app.id,
        name: app.name,
        throttlingPolicy: app.throttlingPolicy,
        keys: keysOf(app, hashes, knownManagers),
      }));
      return {
        applications,
        subscriptions: deps.subscriptions.forBundle(),
        keyManagers: [resident],
        policies: deps.policies?.() ?? defaultPolicies,
        denylist: deps.denylist?.forBundle() ?? [],
      };
    },
    onChanged: (listener) => deps.changes.on(listener),
  };
}
