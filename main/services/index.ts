/**
 * The composition root of the studio's services: the one function a host (the
 * Electron main process, the web host, a test) calls. It opens the store, opens a
 * workspace (the one asked for, else the most recent, else the sample), and
 * starts the local gateway for it in the background.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppInfo } from '../ipc/contract.js';
import { AiVendorsService } from './ai-vendors/ai-vendors-service.js';
import { localGatewaySecrets, syncSecretsOnStart, withAiVendors } from './ai-vendors/wiring.js';
import { ApplicationsService } from './applications/applications-service.js';
import { createAccessSource } from './applications/bundle-access.js';
import { ChangeSignal } from './applications/changes.js';
import { SubscriptionsService } from './applications/subscriptions-service.js';
import { ResidentKeyManager } from './key-manager/resident-key-manager.js';
import { ConsoleService } from './console/console-service.js';
import { DenylistService } from './denylist/denylist-service.js';
import { PoliciesService } from './policies/policies-service.js';
import { resetThrottle, type ThrottleReset } from './policies/throttle-reset.js';
import { SearchService } from './search/search-service.js';
import { TrafficService } from './traffic/traffic-service.js';
import { AnalyticsService } from './analytics/analytics-service.js';
import { ImportService } from './import/import-service.js';
import { withSequences } from './sequences/bundle-sequences.js';
import { SequencesService } from './sequences/sequences-service.js';
import { Deployments } from './environments/deployments.js';
import { EnvironmentsService } from './environments/environments-service.js';
import { currentAuthor } from './revisions/author.js';
import { RevisionsService } from './revisions/revisions-service.js';
import { GatewayHostService, type GatewayLauncher } from './gateway-host.js';
import type { Logger } from './logger.js';
import type { SecretCipher } from './store/cipher.js';
import { openStore, type Store } from './store/store.js';
import { bundleApiIds } from './bundle-builder.js';
import { apiPolicyUsers } from './workspace/api-operations.js';
import { ignorableEntries } from './workspace/paths.js';
import { defaultSampleSource } from './workspace/sample.js';
import { WorkspaceService } from './workspace/workspace-service.js';

export type { GatewayLauncher, GatewayProcess } from './gateway-host.js';
export type { SecretCipher } from './store/cipher.js';
export type { Logger } from './logger.js';
export { GatewayHostService } from './gateway-host.js';
export { WorkspaceService } from './workspace/workspace-service.js';
export { Store } from './store/store.js';
export { createNodeGatewayLauncher } from './node-gateway-launcher.js';

/** What a host passes to `createStudioServices`. */
export interface StudioServicesOptions {
  /** SQLite database, settings, key file, gateway data; created if missing. */
  userDataPath: string;
  host: 'electron' | 'web';
  appVersion: string;
  /** How to start the gateway process (host-specific). */
  gatewayLauncher: GatewayLauncher;
  /** Where a first run creates the sample workspace. */
  sampleWorkspacePath: string;
  /**
   * The sample's template folder. Default: `resources/sample-workspace` found beside
   * the source tree or beside a bundled `out/main`; a packaged app passes its
   * resources path.
   */
  sampleSourcePath?: string;
  /**
   * Open this workspace at start (created with the sample if missing or empty);
   * else the most recent; else the sample at `sampleWorkspacePath`.
   */
  workspacePath?: string;
  /** The gateway's traffic port; default 8280; 0 picks any free port. */
  gatewayPort?: number;
  /** Encrypts secrets at rest; default AES-256-GCM with a 0600 key file in `userDataPath`. */
  secretCipher?: SecretCipher;
  /**
   * A better-sqlite3 addon built for this process's ABI: the unpackaged Electron studio
   * passes its Electron build (see scripts/electron-native.mjs); Node uses node_modules.
   */
  sqliteNativeBinding?: string;
  log?: Logger;
}

export interface StudioServices {
  workspace: WorkspaceService;
  gateway: GatewayHostService;
  store: Store;
  /** Consumer applications and their keys (SQLite). */
  applications: ApplicationsService;
  /** Applications' subscriptions to APIs, and the approval queue. */
  subscriptions: SubscriptionsService;
  /** Plans and throttling policies: the workspace's `policies/*.yaml`. */
  policies: PoliciesService;
  /** The local gateway's denylist (SQLite), applied at once through its admin API. */
  denylist: DenylistService;
  /** Clears an application's counters at the local gateway. */
  throttle: { reset(applicationId: string): Promise<ThrottleReset> };
  /** The built-in key manager that mints JWTs for trial traffic. */
  keyManager: ResidentKeyManager;
  /** Content search over the workspace's APIs. */
  search: SearchService;
  /** The local gateway's captured traffic: live rows, filtered lists, HAR export. */
  traffic: TrafficService;
  /** Dashboards' aggregates from the local gateway or an environment's nodes. */
  analytics: AnalyticsService;
  /** Importing definitions from URLs and folders, detecting formats, exporting. */
  imports: ImportService;
  /** Immutable, content-addressed API revisions (SQLite). */
  revisions: RevisionsService;
  /** Environments (workspace files) and publishing to their gateway nodes. */
  environments: EnvironmentsService;
  /** Sequence files (`sequences/<name>.yaml`) and their dry runs. */
  sequences: SequencesService;
  /** AI vendor files (`ai-vendors/<name>.yaml`), their prices, AI APIs and vendor keys. */
  aiVendors: AiVendorsService;
  /** The try-it console: sends through the local gateway, history, test cases. */
  console: ConsoleService;
  /** Named secrets, encrypted at rest (admin tokens, client keys, vendor keys). */
  secrets: Store['secrets'];
  appInfo(): AppInfo;
  /** Stops the watcher and the gateway child, closes the database. */
  close(): Promise<void>;
}

function isMissingOrEmpty(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    return readdirSync(path).every((name) => ignorableEntries.has(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function openInitialWorkspace(
  workspace: WorkspaceService,
  o: StudioServicesOptions,
  log: Logger,
): Promise<void> {
  if (o.workspacePath !== undefined) {
    const path = resolve(o.workspacePath);
    if (isMissingOrEmpty(path)) await workspace.create(path, { sample: true });
    else await workspace.open(path);
    return;
  }
  const [latest] = workspace.recent();
  if (latest) {
    try {
      await workspace.open(latest.path);
      return;
    } catch (error) {
      log(
        'warn',
        `could not reopen ${latest.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const sample = resolve(o.sampleWorkspacePath);
  try {
    if (isMissingOrEmpty(sample)) await workspace.create(sample, { sample: true });
    else await workspace.open(sample);
  } catch (error) {
    log(
      'error',
      `could not open the sample workspace: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export async function createStudioServices(o: StudioServicesOptions): Promise<StudioServices> {
  const log: Logger = o.log ?? (() => undefined);
  const store = openStore({
    userDataPath: o.userDataPath,
    cipher: o.secretCipher,
    nativeBinding: o.sqliteNativeBinding,
  });
  const workspace = new WorkspaceService({
    recent: store.recentWorkspaces,
    sampleSource: o.sampleSourcePath ?? defaultSampleSource(),
    log,
  });
  try {
    await openInitialWorkspace(workspace, o, log);
  } catch (error) {
    await workspace.close();
    store.close();
    throw error;
  }

  const accessChanges = new ChangeSignal();
  const policies: PoliciesService = new PoliciesService({
    root: () => workspace.current()?.root ?? null,
    // Subscribed before the gateway host: a redeploy after an edit reads the new files.
    onContentChanged: (listener) => workspace.onContentChanged(listener),
    usedBy: (kind, name): string[] =>
      kind === 'subscription'
        ? subscriptions
            .list()
            .flatMap((s) => (s.plan === name ? [`${s.applicationName} → ${s.apiId}`] : []))
        : kind === 'application'
          ? applications.list().flatMap((a) => (a.throttlingPolicy === name ? [a.name] : []))
          : apiPolicyUsers(workspace.apiRecords(), name),
  });
  const policyNames = {
    subscription: (): string[] => policies.names('subscription'),
    application: (): string[] => policies.names('application'),
  };
  const applications: ApplicationsService = new ApplicationsService(
    store.db,
    accessChanges,
    undefined,
    policyNames,
  );
  const subscriptions: SubscriptionsService = new SubscriptionsService(
    store.db,
    accessChanges,
    undefined,
    policyNames,
  );
  const keyManager = new ResidentKeyManager(store.secrets, applications);
  const search = new SearchService(store.db, workspace, { log });
  const imports = new ImportService({ workspace });

  const author = () => currentAuthor(workspace.current()?.root ?? process.cwd());
  const revisions = new RevisionsService({
    db: store.db,
    apis: () => workspace.apiRecords(),
    // What the local gateway runs, as the services already read it; no second read of the files.
    resources: async () => ({
      sequences: sequences.bundleSequences(),
      aiVendors: await aiVendors.bundleEntries(),
      policies: policies.bundlePolicies(),
    }),
    author,
  });
  const environments = new EnvironmentsService({
    root: () => workspace.current()?.root ?? null,
    revisions,
    deployments: new Deployments(store.db),
    secrets: store.secrets,
    author,
    // The same applications, keys, subscriptions and plans the local gateway serves.
    access: () =>
      createAccessSource({
        applications,
        subscriptions,
        residentKeyManager: keyManager,
        changes: accessChanges,
        policies: () => policies.bundlePolicies(),
      }).snapshot(),
  });

  const dataDir = join(o.userDataPath, 'gateway');
  mkdirSync(dataDir, { recursive: true });
  // The gateway is created after the denylist that reaches it, hence the indirection.
  let gatewayRef: GatewayHostService | null = null;
  const gatewayAdmin: GatewayHostService['admin'] = (method, path, body) =>
    gatewayRef?.admin(method, path, body) ?? Promise.resolve(null);
  const denylist = new DenylistService(store.db, accessChanges, { admin: gatewayAdmin }, log);
  const sequences = new SequencesService({
    workspace,
    admin: gatewayAdmin,
    bundleApiId: (id) => bundleApiIds(workspace.apiRecords()).get(id) ?? null,
    log,
  });
  const aiVendors = new AiVendorsService({
    root: () => workspace.current()?.root ?? null,
    apis: () => workspace.apiRecords(),
    secrets: store.secrets,
    gateway: localGatewaySecrets(gatewayAdmin),
  });
  const gateway = new GatewayHostService({
    launcher: o.gatewayLauncher,
    source: workspace,
    access: withAiVendors(
      withSequences(
        createAccessSource({
          applications,
          subscriptions,
          residentKeyManager: keyManager,
          changes: accessChanges,
          policies: () => policies.bundlePolicies(),
          denylist,
        }),
        sequences,
      ),
      aiVendors,
    ),
    dataDir,
    port: o.gatewayPort ?? 8280,
    log,
  });
  gatewayRef = gateway;
  syncSecretsOnStart(gateway, aiVendors, log);
  const consoleService = new ConsoleService({
    db: store.db,
    secrets: store.secrets,
    workspace: {
      root: () => workspace.current()?.root ?? null,
      apiRecords: () => workspace.apiRecords(),
    },
    applications,
    keyManager,
    gateway,
  });
  // The studio is usable while the gateway starts; its status events tell the UI.
  void gateway
    .start()
    .catch((error: unknown) => log('error', `starting the gateway: ${String(error)}`));
  const traffic = new TrafficService({ gateway, appVersion: o.appVersion, log });
  const analytics = new AnalyticsService({ gateway, environments });

  let closing: Promise<void> | null = null;
  return {
    workspace,
    gateway,
    store,
    applications,
    subscriptions,
    policies,
    denylist,
    throttle: { reset: (applicationId) => resetThrottle(gateway, applicationId) },
    keyManager,
    search,
    traffic,
    analytics,
    imports,
    revisions,
    environments,
    sequences,
    aiVendors,
    console: consoleService,
    secrets: store.secrets,
    appInfo: () => ({
      version: o.appVersion,
      host: o.host,
      platform: process.platform,
      userDataPath: o.userDataPath,
    }),
    close() {
      closing ??= (async () => {
        try {
          traffic.close();
          await gateway.close();
          sequences.close();
          policies.close();
          search.close();
          await workspace.close();
        } finally {
          store.close();
        }
      })();
      return closing;
    },
  };
}
