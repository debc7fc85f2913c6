/**
 * The command-line flags of `portico-gateway`, shared by the CLI and by the child
 * entry the studio forks. node:util parseArgs, strict: an unknown flag or a bad
 * value is an error that names the flag.
 */
import { parseArgs } from 'node:util';

/** Parsed flags. */
export interface CliOptions {
  /** Start immutable from this bundle file (JSON or YAML). */
  bundleFile: string | null;
  host: string;
  port: number;
  /** HTTPS listener; null when no certificate was given. */
  https: { port: number; certFile: string; keyFile: string; clientCaFile: string | null } | null;
  adminHost: string;
  adminPort: number;
  adminToken: string | null;
  dataDir: string | null;
  /** Share rate-limit counters and admin edits with other nodes through this Redis (`redis://` or `rediss://` URL). */
  redis: string | null;
  help: boolean;
}

export const usage = `Usage: portico-gateway [options]

  --bundle FILE         serve this bundle (JSON or YAML); the gateway is then immutable
  --host HOST           traffic host (default 127.0.0.1)
  --port PORT           traffic port (default 8280; 0 picks a free port)
  --https-port PORT     HTTPS traffic port (default 8243 when --tls-cert is given)
  --tls-cert FILE       HTTPS server certificate (PEM)
  --tls-key FILE        HTTPS server private key (PEM)
  --client-ca FILE      CA that mTLS client certificates must chain to
  --admin-host HOST     admin API host (default 127.0.0.1; other hosts need a token)
  --admin-port PORT     admin API port (default 9090)
  --admin-token TOKEN   bearer token for the admin API (or env PORTICO_ADMIN_TOKEN)
  --data-dir DIR        persist deployments, secrets and analytics here
  --redis URL           share rate-limit counters, denylist and subscription changes with
                        every node that uses the same Redis (redis://HOST:PORT[/DB], rediss://)
  --help                show this help
`;

export type ParseCliResult = { ok: true; options: CliOptions } | { ok: false; message: string };

function port(flag: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    return `--${flag} must be a port number from 0 to 65535, got "${value}"`;
  return Number(value);
}

function isRedisUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
}

export function parseCliArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): ParseCliResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        bundle: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'https-port': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'client-ca': { type: 'string' },
        'admin-host': { type: 'string' },
        'admin-port': { type: 'string' },
        'admin-token': { type: 'string' },
        'data-dir': { type: 'string' },
        redis: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const trafficPort = port('port', values.port, 8280);
  const adminPort = port('admin-port', values['admin-port'], 9090);
  const httpsPort = port('https-port', values['https-port'], 8243);
  for (const checked of [trafficPort, adminPort, httpsPort])
    if (typeof checked === 'string') return { ok: false, message: checked };

  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined))
    return { ok: false, message: '--tls-cert and --tls-key go together' };
  if (
    cert === undefined &&
    (values['https-port'] !== undefined || values['client-ca'] !== undefined)
  ) {
    return { ok: false, message: '--https-port and --client-ca need --tls-cert and --tls-key' };
  }
  for (const flag of ['bundle', 'host', 'admin-host', 'data-dir', 'admin-token'] as const) {
    if (values[flag] === '') return { ok: false, message: `--${flag} must not be empty` };
  }
  const redis = values.redis;
  if (redis !== undefined && !isRedisUrl(redis)) {
    return {
      ok: false,
      message: `--redis must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379, got "${redis}"`,
    };
  }
  const token = values['admin-token'] ?? (env.PORTICO_ADMIN_TOKEN || undefined);
  return {
    ok: true,
    options: {
      bundleFile: values.bundle ?? null,
      host: values.host ?? '127.0.0.1',
      port: trafficPort as number,
      https:
        cert !== undefined && key !== undefined
          ? {
              port: httpsPort as number,
              certFile: cert,
              keyFile: key,
              clientCaFile: values['client-ca'] ?? null,
            }
          : null,
      adminHost: values['admin-host'] ?? '127.0.0.1',
      adminPort: adminPort as number,
      adminToken: token ?? null,
      dataDir: values['data-dir'] ?? null,
      redis: redis ?? null,
      help: values.help ?? false,
    },
  };
}
