/**
 * Runs the local gateway for the open workspace: starts it through the host's
 * launcher (a Node child process, or an Electron utilityProcess), deploys a bundle
 * built from the workspace whenever the workspace changes, and reports its state.
 * The gateway is a separate process so heavy trial traffic never stalls the UI.
 */
import type { GatewayStatus } from '../ipc/contract.js';
import { buildBundle, type BundleAccess } from './bundle-builder.js';
import { deployBundle } from './gateway-deploy.js';
import {
  launchGateway,
  type GatewayChild,
  type GatewayLauncher,
  type Launched,
} from './gateway-process.js';
import type { Logger } from './logger.js';
import type { ApiRecord } from './workspace/api-files.js';

export type { GatewayLauncher, GatewayProcess } from './gateway-process.js';

/** Where the gateway's bundle comes from: the workspace service. */
export interface BundleSource {
  apiRecords(): readonly ApiRecord[];
  onContentChanged(listener: () => void): () => void;
}

/**
 * What the studio's store adds to the bundle (applications, keys, subscriptions,
 * the resident key manager, plans); a change to it redeploys like a workspace change.
 */
export interface AccessProvider {
  snapshot(): Promise<BundleAccess>;
  onChanged(listener: () => void): () => void;
}

/** Options of `GatewayHostService`. */
export interface GatewayHostOptions {
  launcher: GatewayLauncher;
  source: BundleSource;
  /** Applications and subscriptions from the store; without it the bundle carries APIs only. */
  access?: AccessProvider;
  /** The gateway's own data (deployments, analytics): `<userDataPath>/gateway`. */
  dataDir: string;
  /** Traffic port; 0 picks a free one. A taken port falls back to 0 once. */
  port: number;
  log?: Logger;
  /** Quiet time after a workspace change before redeploying; default 100 ms. */
  deployDelayMs?: number;
  /** How long a starting gateway may take to report its listeners; default 30 s. */
  startTimeoutMs?: number;
  /** How long `stop()` waits for a graceful exit before killing; default 5 s. */
  stopTimeoutMs?: number;
  /** Reaches the admin API; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** A status with its keys always in the same order, so equal states compare equal. */
function gatewayStatus(fields: Partial<GatewayStatus> = {}): GatewayStatus {
  return {
    state: fields.state ?? 'stopped',
    listeners: fields.listeners ?? [],
    adminUrl: fields.adminUrl ?? null,
    revision: fields.revision ?? null,
    apis: fields.apis ?? [],
    error: fields.error ?? null,
  };
}

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());

export class GatewayHostService {
  private current = gatewayStatus();
  private child: GatewayChild | null = null;
  private starting: Promise<GatewayStatus> | null = null;
  /** A process launched but not yet listening; `stop()` ends it. */
  private launching: GatewayChild | null = null;
  /** Bumped by `stop()`: a start begun before it gives up. */
  private generation = 0;
  private readonly listeners = new Set<(status: GatewayStatus) => void>();
  private deployTimer: NodeJS.Timeout | null = null;
  private deploying: Promise<void> | null = null;
  private deployAgain = false;
  private readonly unsubscribe: (() => void)[];
  private readonly log: Logger;

  constructor(private readonly options: GatewayHostOptions) {
    this.log = options.log ?? (() => undefined);
    this.unsubscribe = [options.source.onContentChanged(() => this.scheduleDeploy())];
    if (options.access)
      this.unsubscribe.push(options.access.onChanged(() => this.scheduleDeploy()));
  }

  status(): GatewayStatus {
    return this.current;
  }

  onStatus(listener: (status: GatewayStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the gateway (if it is not running) and deploys; resolves once it runs or failed. */
  start(): Promise<GatewayStatus> {
    if (this.starting) return this.starting;
    if (this.child) return Promise.resolve(this.current);
    const run = this.startNow().finally(() => {
      if (this.starting === run) this.starting = null;
    });
    this.starting = run;
    return run;
  }

  async restart(): Promise<GatewayStatus> {
    await this.stop();
    return this.start();
  }

  /** Asks the gateway to flush and exit; kills it if it does not in time. */
  async stop(): Promise<void> {
    this.generation += 1;
    if (this.deployTimer) clearTimeout(this.deployTimer);
    this.deployTimer = null;
    const pending = this.launching;
    this.launching = null;
    if (pending) {
      // A gateway that is not listening yet has nothing to flush.
      pending.stopping = true;
      pending.process.kill();
    }
    await this.starting?.catch(() => undefined);
    const child = this.child;
    this.child = null;
    if (child) await this.shutdown(child);
    await this.deploying?.catch(() => undefined);
    this.setStatus(gatewayStatus());
  }

  /**
   * One call to the running gateway's admin API (`/admin/v1/...`), for edits that must
   * apply at once (denylist, throttle reset); `null` when no gateway is running.
   */
  async admin(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown } | null> {
    const child = this.child;
    if (!child?.adminUrl) return null;
    const response = await (this.options.fetch ?? fetch)(`${child.adminUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${child.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text || null;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the caller's message.
    }
    return { status: response.status, body: parsed };
  }

  /** Stops the gateway and stops following the workspace. */
  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.stop();
  }

  private async shutdown(child: GatewayChild): Promise<void> {
    child.stopping = true;
    if (child.process.send) child.process.send({ type: 'shutdown' });
    else child.process.kill();
    const timeout = this.options.stopTimeoutMs ?? 5_000;
    const graceful = await Promise.race([
      child.exited.then(() => true),
      delay(timeout).then(() => false),
    ]);
    if (graceful) return;
    this.log('warn', `the gateway did not exit within ${timeout} ms; killing it`);
    child.process.kill();
    await Promise.race([child.exited, delay(2_000)]);
  }

  private setStatus(next: GatewayStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch (error) {
        this.log('error', `a gateway status listener failed: ${String(error)}`);
      }
    }
  }

  private async launch(port: number): Promise<Launched> {
    const { child, ready } = launchGateway(this.options.launcher, {
      port,
      dataDir: this.options.dataDir,
      timeoutMs: this.options.startTimeoutMs ?? 30_000,
    });
    this.launching = child;
    const result = await ready;
    if (this.launching === child) this.launching = null;
    return result;
  }

  private async startNow(): Promise<GatewayStatus> {
    const generation = this.generation;
    const abandoned = (result: Launched): boolean => {
      if (generation === this.generation) return false;
      if (result.ok) {
        result.child.stopping = true;
        result.child.process.kill();
      }
      return true;
    };
    this.setStatus(gatewayStatus({ state: 'starting' }));
    const { port } = this.options;
    let launched = await this.launch(port);
    if (abandoned(launched)) return this.current;
    if (!launched.ok && port !== 0) {
      this.log(
        'warn',
        `the gateway could not use port ${port} (${launched.message}); trying any free port`,
      );
      launched = await this.launch(0);
      if (abandoned(launched)) return this.current;
    }
    if (!launched.ok) {
      const error = `The gateway could not start: ${launched.message}`;
      this.setStatus(gatewayStatus({ state: 'error', error }));
      return this.current;
    }
    const { child, listeners, adminUrl } = launched;
    this.child = child;
    void child.exited.then((code) => {
      if (child.stopping || this.child !== child) return;
      this.child = null;
      const error = `The gateway stopped unexpectedly (exit code ${code ?? 'none'})`;
      this.setStatus(gatewayStatus({ state: 'error', error }));
    });
    this.setStatus(gatewayStatus({ state: 'starting', listeners, adminUrl }));
    await this.deploy();
    return this.current;
  }

  private scheduleDeploy(): void {
    if (!this.child) return;
    if (this.deployTimer) clearTimeout(this.deployTimer);
    this.deployTimer = setTimeout(() => {
      this.deployTimer = null;
      void this.deploy();
    }, this.options.deployDelayMs ?? 100);
  }

  /** One deploy at a time; a change during a deploy deploys again after it. */
  private deploy(): Promise<void> {
    if (this.deploying) {
      this.deployAgain = true;
      return this.deploying;
    }
    const run = (async () => {
      do {
        this.deployAgain = false;
        await this.deployOnce();
      } while (this.deployAgain && this.child);
    })().finally(() => {
      this.deploying = null;
    });
    this.deploying = run;
    return run;
  }

  private async deployOnce(): Promise<void> {
    const child = this.child;
    if (!child?.adminUrl) return;
    const base = { listeners: this.current.listeners, adminUrl: child.adminUrl };
    const fail = (error: string): void =>
      this.setStatus(gatewayStatus({ ...this.current, ...base, state: 'error', error }));
    const apis = this.options.source.apiRecords();
    let access: BundleAccess | undefined;
    try {
      access = await this.options.access?.snapshot();
    } catch (error) {
      fail(
        `The applications could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    if (this.child !== child) return;
    const built = buildBundle(apis, access);
    if (!built.ok) {
      fail(
        `The workspace cannot be deployed: ${built.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
      return;
    }
    if (built.revision === child.deployedRevision && this.current.state === 'running') return;
    const target = { adminUrl: child.adminUrl, token: child.token };
    const outcome = await deployBundle(this.options.fetch ?? fetch, target, built.bundle, apis);
    // A restart or stop while the request was out makes its answer moot.
    if (this.child !== child) return;
    if (!outcome.ok) {
      fail(outcome.message);
      return;
    }
    child.deployedRevision = built.revision;
    const served = built.bundle.apis.map((api) => ({
      id: api.id,
      context: api.context,
      version: api.version,
    }));
    this.setStatus(
      gatewayStatus({ ...base, state: 'running', revision: built.revision, apis: served }),
    );
  }
}
