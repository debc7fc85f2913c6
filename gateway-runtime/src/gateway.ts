/**
 * `createGateway(bundle, options)`: assembles stores, the deployment control, the
 * traffic pipeline and the admin API, and returns a gateway that `listen()`s on
 * plain HTTP, optional HTTPS (client certificates for mTLS) and the admin port.
 * Nothing is read from the environment here; the CLI and the studio pass it all in.
 */
import { randomBytes } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { createAdminHandler } from './admin/server.js';
import { isLoopbackHost } from './admin/http.js';
import { silentLogger, type Logger } from './logger.js';
import { GatewayMetrics } from './metrics.js';
import type { GatewayBundle } from './model/bundle.js';
import { parseBundle, type BundleIssue } from './model/parse.js';
import { createRequestHandler } from './pipeline/handler.js';
import { createThrottler } from './pipeline/throttle.js';
import { DeploymentControl, type DeployResult } from './runtime/control.js';
import { AnalyticsStore } from './stores/analytics-store.js';
import type { CounterStore } from './stores/counter-store.js';
import { openDatabase } from './stores/database.js';
import { DeploymentStore } from './stores/deployment-store.js';
import { MemoryCounterStore } from './stores/memory.js';
import { EncryptedSecretStore, loadOrCreateKey, type SecretStore } from './stores/secret-store.js';
import { RedisCluster, type ClusterOptions } from './sync/cluster.js';
import { TrafficRecorder } from './traffic/recorder.js';
import type { TrafficCaptureOptions } from './traffic/types.js';

/** The HTTPS traffic listener; client certificates are requested for mTLS. */
export interface HttpsListenerOptions {
  host?: string;
  /** Default 8243; 0 picks a free port. */
  port?: number;
  cert: string | Buffer;
  key: string | Buffer;
  /** CA that client certificates must chain to, in addition to matching an API's registered certificate. */
  clientCa?: string | Buffer;
}

/** The admin listener. */
export interface AdminListenerOptions {
  /** Default 127.0.0.1. A non-loopback host requires a token. */
  host?: string;
  /** Default 9090; 0 picks a free port. */
  port?: number;
  /** Bearer token for every admin request; null/absent means none (loopback only). */
  token?: string | null;
}

/** Options and injectable dependencies of a gateway. */
export interface GatewayOptions {
  /** Traffic host, default 127.0.0.1. */
  host?: string;
  /** Traffic port, default 8280; 0 picks a free port. */
  port?: number;
  https?: HttpsListenerOptions | null;
  /** False: no admin listener (the library's methods still work). */
  admin?: AdminListenerOptions | false;
  /** Where deployments, secrets (and their key file) and analytics persist; null keeps all in memory. */
  dataDir?: string | null;
  /** Serve `bundle` only: deploy, undeploy and rollback answer 409. */
  immutable?: boolean;
  logger?: Logger;
  /** Epoch ms, for event timestamps and key-manager clocks. */
  clock?: () => number;
  /** Counters for throttling; defaults to memory. Not closed by the gateway when injected. */
  counterStore?: CounterStore;
  /**
   * Share counters and admin edits with other nodes through Redis: a `redis://` URL or
   * options. Ignored when `counterStore` is given. While Redis is unreachable the node
   * counts locally and `GET /admin/v1/health` says `redis: "down"`.
   */
  redis?: string | ClusterOptions | null;
  /** Used by key managers for discovery and JWKS. */
  fetch?: typeof fetch;
  /** Secret store; defaults to AES-256-GCM in the data dir (or memory). */
  secrets?: SecretStore;
  analytics?: { flushIntervalMs?: number; batchSize?: number };
  /** How long `close()` lets in-flight requests finish before cutting connections (ms, default 10000). */
  shutdownGraceMs?: number;
  /**
   * Path to a better-sqlite3 addon built for this runtime's ABI (the studio's Electron
   * build when the gateway runs in a utilityProcess); default: the one in node_modules.
   */
  sqliteNativeBinding?: string;
  /**
   * Keep a redacted log of recent requests (headers, capped bodies, the pipeline's
   * decisions) for `GET /admin/v1/traffic`. Off by default: the studio's local gateway
   * turns it on; a production node never needs it.
   */
  traffic?: TrafficCaptureOptions | boolean | null;
}

/** Alias kept for the studio's wording: everything injectable lives in the options. */
export type GatewayDeps = GatewayOptions;

/** URLs of the listeners that are up. */
export interface Listeners {
  http: string;
  https: string | null;
  admin: string | null;
}

export interface Gateway {
  listen(): Promise<Listeners>;
  /** Stops listening, lets in-flight requests finish, flushes analytics, closes stores. */
  close(): Promise<void>;
  deploy(bundle: unknown): DeployResult;
  undeploy(): void;
  rollback(): { revision: string | null };
  bundle(): GatewayBundle | null;
  readonly revision: string | null;
  readonly immutable: boolean;
  readonly analytics: AnalyticsStore;
  readonly secrets: SecretStore;
  readonly counters: CounterStore;
  /** The traffic log when capture is on, else null. */
  readonly traffic: TrafficRecorder | null;
  /** The traffic handler, to mount on a server of your own. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Thrown by `createGateway` for an invalid bundle or unsafe options. */
export class GatewayConfigError extends Error {
  constructor(
    message: string,
    readonly issues: BundleIssue[] = [],
  ) {
    super(message);
    this.name = 'GatewayConfigError';
  }
}

function parseOrThrow(input: unknown): GatewayBundle {
  const parsed = parseBundle(input);
  if (parsed.ok) return parsed.bundle;
  throw new GatewayConfigError(
    `invalid bundle:\n${parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    parsed.issues,
  );
}

function urlOf(scheme: string, server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function createGateway(bundle: unknown, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? Date.now;
  const adminOptions = options.admin === false ? null : (options.admin ?? {});
  const adminHost = adminOptions?.host ?? '127.0.0.1';
  const adminToken = adminOptions?.token ?? null;
  if (adminOptions && adminToken === null && !isLoopbackHost(adminHost)) {
    throw new GatewayConfigError(
      `refusing to serve the admin API on ${adminHost} without a token: set --admin-token (or PORTICO_ADMIN_TOKEN), or bind the admin API to 127.0.0.1`,
    );
  }
  if (adminToken !== null && adminToken.length < 8) {
    throw new GatewayConfigError('the admin token must be at least 8 characters');
  }
  const immutable = options.immutable ?? false;
  const initial = bundle === null || bundle === undefined ? null : parseOrThrow(bundle);
  if (immutable && !initial) throw new GatewayConfigError('an immutable gateway needs a bundle');

  const dataDir = options.dataDir ?? null;
  const db = openDatabase(dataDir, { nativeBinding: options.sqliteNativeBinding });
  const deployments = new DeploymentStore(db, clock);
  const secrets =
    options.secrets ??
    new EncryptedSecretStore(db, dataDir ? loadOrCreateKey(dataDir) : randomBytes(32), clock);
  const analytics = new AnalyticsStore(db, {
    ...options.analytics,
    onError: (error) => logger.error('analytics flush failed', { error: String(error) }),
  });
  const metrics = new GatewayMetrics();
  const redisOptions =
    options.counterStore || !options.redis
      ? null
      : typeof options.redis === 'string'
        ? { url: options.redis }
        : options.redis;
  let cluster: RedisCluster | null = null;
  const control = new DeploymentControl({
    onEdit: (edit) => cluster?.publish(edit),
    store: deployments,
    immutable,
    compile: { ...(options.fetch && { fetch: options.fetch }), now: clock },
    onChange: (revision) => {
      metrics.setRevision(revision);
      logger.info('serving revision', { revision });
    },
  });

  const local = new MemoryCounterStore({ now: clock });
  if (redisOptions) {
    cluster = new RedisCluster(redisOptions, {
      local,
      logger,
      applyEdit: (edit) => control.applyEdit(edit),
      onStatus: (up) => metrics.setCounterStore('redis', up),
    });
  }
  const counters: CounterStore = options.counterStore ?? cluster?.counters ?? local;
  metrics.setCounterStore(cluster ? 'redis' : 'memory', cluster ? cluster.up : true);

  if (immutable) {
    control.serve(initial);
  } else {
    const stored = deployments.current();
    if (initial) {
      // A restart with the same bundle serves it again without growing the history.
      if (stored?.bundle && JSON.stringify(stored.bundle) === JSON.stringify(initial))
        control.serve(initial);
      else control.deploy(initial);
    } else if (stored?.bundle) {
      const parsed = parseBundle(stored.bundle);
      if (parsed.ok) control.serve(parsed.bundle);
      else
        logger.error('the stored deployment no longer validates; serving nothing', {
          issues: parsed.issues,
        });
    }
  }

  const dispatcher = new Agent({
    keepAliveTimeout: 30_000,
    connections: 256,
    connect: { timeout: 10_000 },
  });
  const traffic = options.traffic
    ? new TrafficRecorder(options.traffic === true ? {} : options.traffic)
    : null;
  const runtime = {
    traffic,
    current: () => control.current(),
    dispatcher,
    throttler: createThrottler(counters),
    analytics,
    metrics,
    clock,
    clientCaConfigured: Boolean(options.https?.clientCa),
    logger,
    secrets,
    counters,
  };
  const handle = createRequestHandler(runtime, 'http');
  const servers: Server[] = [];
  let closing: Promise<void> | null = null;

  return {
    handle,
    get revision() {
      return control.bundle()?.revision ?? null;
    },
    immutable,
    analytics,
    secrets,
    counters,
    traffic,
    bundle: () => control.bundle(),
    deploy: (input) => control.deploy(input),
    undeploy: () => control.undeploy(),
    rollback: () => control.rollback(),

    async listen(): Promise<Listeners> {
      // Serve with shared counters from the first request when Redis is there; never wait long for it.
      if (cluster && !(await cluster.ready(redisOptions?.connectTimeoutMs ?? 3000))) {
        logger.warn('redis is not reachable yet: counting locally until it is');
      }
      const httpServer = createHttpServer(handle);
      servers.push(httpServer);
      await listenOn(httpServer, options.port ?? 8280, options.host ?? '127.0.0.1');
      const listeners: Listeners = { http: urlOf('http', httpServer), https: null, admin: null };
      if (options.https) {
        const tls = options.https;
        const httpsServer = createHttpsServer(
          {
            cert: tls.cert,
            key: tls.key,
            // Ask for a certificate but let the pipeline decide, so a missing one gets a JSON 401.
            requestCert: true,
            rejectUnauthorized: false,
            ...(tls.clientCa && { ca: tls.clientCa }),
          },
          createRequestHandler(runtime, 'https'),
        );
        servers.push(httpsServer);
        await listenOn(httpsServer, tls.port ?? 8243, tls.host ?? options.host ?? '127.0.0.1');
        listeners.https = urlOf('https', httpsServer);
      }
      if (adminOptions) {
        const adminServer = createHttpServer(
          createAdminHandler(
            {
              control,
              deployments,
              analytics,
              secrets,
              counters,
              metrics,
              traffic,
              dispatcher,
              logger,
              ...(cluster && {
                health: () => ({ redis: cluster?.up ? 'up' : 'down' }),
                onThrottleReset: (applicationId: string) =>
                  cluster?.publish({ type: 'throttle.reset', applicationId }),
              }),
            },
            { token: adminToken, logger },
          ),
        );
        servers.push(adminServer);
        await listenOn(adminServer, adminOptions.port ?? 9090, adminHost);
        listeners.admin = urlOf('http', adminServer);
      }
      return listeners;
    },

    close(): Promise<void> {
      closing ??= (async () => {
        const grace = options.shutdownGraceMs ?? 10_000;
        await Promise.all(servers.map((server) => closeServer(server, grace)));
        control.close();
        await dispatcher.close();
        analytics.close();
        // An injected counter store belongs to the caller; the local one and the cluster are ours.
        if (cluster) await cluster.close();
        await local.close();
        db.close();
      })();
      return closing;
    },
  };
}
