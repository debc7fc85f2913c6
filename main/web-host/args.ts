/**
 * Flags of `npm run start:web` (main/web-host/cli.ts), parsed and checked with
 * the same kind of message as everything else: the flag, then what is valid.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatIssues } from '../ipc/dispatch.js';

/** What the web host CLI runs with, every path absolute. */
export interface WebHostArgs {
  /** Port of the studio page; 0 picks a free one. */
  port: number;
  /** Workspace folder to open at start; otherwise the last one, or the sample. */
  workspace: string | undefined;
  /** Where the studio keeps its database, settings and key file. */
  userData: string;
  /** Port of the local gateway's traffic listener; 0 picks a free one. */
  gatewayPort: number;
  /** Folder the sample workspace is created in on first run. */
  sampleWorkspace: string;
  /** The built renderer to serve. */
  rendererDir: string;
  help: boolean;
}

export const usage = `Usage: npm run start:web -- [options]

  --port N                 port of the studio page (default 0: a free port)
  --workspace PATH         open this workspace folder
  --user-data DIR          studio data (default $PORTICO_USER_DATA or ~/.config/portico-web)
  --gateway-port N         port of the local gateway (default 8280; 0: a free port)
  --sample-workspace PATH  where the sample workspace goes (default <user-data>/Sample)
  --renderer-dir DIR       built renderer to serve (default out/renderer; built if missing)
  -h, --help               show this help`;

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(0, 'expected a port from 0 to 65535')
  .max(65535, 'expected a port from 0 to 65535');

const flags = z.object({
  port: port.default(0),
  workspace: z.string().min(1, 'expected a folder path').optional(),
  'user-data': z.string().min(1, 'expected a folder path').optional(),
  'gateway-port': port.default(8280),
  'sample-workspace': z.string().min(1, 'expected a folder path').optional(),
  'renderer-dir': z.string().min(1, 'expected a folder path').optional(),
  help: z.boolean().default(false),
});

export class ArgsError extends Error {}

export function parseWebHostArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  defaults: { cwd: string; rendererDir: string },
): WebHostArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        workspace: { type: 'string' },
        'user-data': { type: 'string' },
        'gateway-port': { type: 'string' },
        'sample-workspace': { type: 'string' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new ArgsError(error instanceof Error ? error.message : String(error));
  }
  const parsed = flags.safeParse(values);
  if (!parsed.success) {
    throw new ArgsError(
      formatIssues(parsed.error.issues)
        .split('; ')
        .map((line) => `--${line}`)
        .join('; '),
    );
  }
  const f = parsed.data;
  const abs = (path: string): string => resolve(defaults.cwd, path);
  const userData = abs(
    f['user-data'] ?? env.PORTICO_USER_DATA ?? join(homedir(), '.config', 'portico-web'),
  );
  return {
    port: f.port,
    workspace: f.workspace === undefined ? undefined : abs(f.workspace),
    userData,
    gatewayPort: f['gateway-port'],
    sampleWorkspace:
      f['sample-workspace'] === undefined ? join(userData, 'Sample') : abs(f['sample-workspace']),
    rendererDir: f['renderer-dir'] === undefined ? defaults.rendererDir : abs(f['renderer-dir']),
    help: f.help,
  };
}
