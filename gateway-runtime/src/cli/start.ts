/**
 * Starts a gateway from parsed flags: reads the bundle and TLS files, creates the
 * gateway, listens, and returns the listener lines to print. Used by the CLI and
 * by the child entry the studio forks.
 */
import { readFile } from 'node:fs/promises';
import {
  createGateway,
  GatewayConfigError,
  type Gateway,
  type GatewayOptions,
  type Listeners,
} from '../gateway.js';
import type { Logger } from '../logger.js';
import type { CliOptions } from './options.js';
import { loadBundleFile } from './load-bundle.js';

export interface Started {
  gateway: Gateway;
  listeners: Listeners;
  /** `listening http://...`, `listening https://...`, `admin http://...`. */
  lines: string[];
}

/** A failure to start, with a message fit for the terminal. */
export class StartError extends Error {}

async function readPem(flag: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new StartError(`${flag}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Starts a gateway from parsed flags. `extra` carries what is not a flag: the child
 * entry passes the studio's Electron build of better-sqlite3 this way.
 */
export async function startFromOptions(
  options: CliOptions,
  logger: Logger,
  extra: Pick<GatewayOptions, 'sqliteNativeBinding' | 'traffic'> = {},
): Promise<Started> {
  let bundle: unknown = null;
  if (options.bundleFile) {
    const loaded = await loadBundleFile(options.bundleFile);
    if (!loaded.ok) {
      throw new StartError(
        `invalid bundle ${options.bundleFile}:\n${loaded.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      );
    }
    bundle = loaded.bundle;
  }
  const https = options.https
    ? {
        port: options.https.port,
        cert: await readPem('--tls-cert', options.https.certFile),
        key: await readPem('--tls-key', options.https.keyFile),
        ...(options.https.clientCaFile && {
          clientCa: await readPem('--client-ca', options.https.clientCaFile),
        }),
      }
    : null;
  let gateway: Gateway;
  try {
    gateway = createGateway(bundle, {
      host: options.host,
      port: options.port,
      https,
      admin: { host: options.adminHost, port: options.adminPort, token: options.adminToken },
      dataDir: options.dataDir,
      redis: options.redis,
      ...extra,
      immutable: bundle !== null,
      logger,
    });
  } catch (error) {
    if (error instanceof GatewayConfigError) throw new StartError(error.message);
    throw error;
  }
  let listeners: Listeners;
  try {
    listeners = await gateway.listen();
  } catch (error) {
    await gateway.close();
    throw new StartError(`cannot listen: ${(error as Error).message}`);
  }
  const lines = [`listening ${listeners.http}`];
  if (listeners.https) lines.push(`listening ${listeners.https}`);
  if (listeners.admin) lines.push(`admin ${listeners.admin}`);
  return { gateway, listeners, lines };
}
