/**
 * The `portico` command's arguments: a command, then strict flags (node:util
 * parseArgs). An unknown command or flag, or a missing required one, is an error
 * that names it.
 */
import { parseArgs } from 'node:util';

export const commands = [
  'push',
  'rollback',
  'undeploy',
  'status',
  'revision',
  'export',
  'import',
  'test',
] as const;
export type Command = (typeof commands)[number];

/** Parsed arguments; flags a command does not use stay undefined. */
export interface CliArgs {
  command: Command | 'help';
  env?: string;
  api?: string;
  revision?: string;
  note?: string;
  out?: string;
  project?: string;
  format: 'apictl' | 'zip' | 'bundle';
  overwrite: boolean;
  json: boolean;
  workspace: string;
  dataDir?: string;
  /** `test`: a running gateway's traffic URL instead of a headless one. */
  gateway?: string;
}

export const usage = `Usage: portico <command> [options]

Commands:
  push      --env NAME --api ID [--revision R] [--note TEXT]
            deploy a revision (default: a new one of the API as on disk) to every node
  rollback  --env NAME --api ID      back to the revision deployed before
  undeploy  --env NAME --api ID      stop serving the API on the environment
  status    --env NAME               each node's revision; "diverged" when they differ
  revision  --api ID [--note TEXT]   snapshot the API as a revision and print its id
  export    --api ID --out DIR [--format apictl|zip|bundle] [--env NAME] [--revision R]
            apictl: an apictl project folder (default); zip: the same as apictl's
            Name_version.zip archive; bundle: the gateway bundle JSON that
            portico-gateway --bundle serves
  import    --project DIR|FILE.zip [--overwrite]
            an apictl project folder or archive into apis/
  test      --api ID [--gateway URL]
            run the API's test cases (apis/ID/tests/*.yaml); without --gateway
            a headless gateway for the workspace is started; exits 1 on a failure

Options:
  --workspace DIR   the workspace folder (default: the current folder)
  --data-dir DIR    the studio's data folder with revisions and secrets
                    (default: env PORTICO_DATA_DIR, else the studio's own)
  --json            print the result as JSON
  --help            show this help

Secrets (admin tokens, client keys, the secrets a push sends) are read from
environment variables PORTICO_SECRET_<NAME> (upper case, other characters as "_")
before the data folder's secret store.
`;

export type ParseResult = { ok: true; args: CliArgs } | { ok: false; message: string };

const needs: Record<Command, readonly ('env' | 'api' | 'out' | 'project')[]> = {
  push: ['env', 'api'],
  rollback: ['env', 'api'],
  undeploy: ['env', 'api'],
  status: ['env'],
  revision: ['api'],
  export: ['api', 'out'],
  import: ['project'],
  test: ['api'],
};

export function parseCliArgs(argv: readonly string[], cwd: string): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === 'help' || first === '-h')
    return {
      ok: true,
      args: { command: 'help', format: 'apictl', overwrite: false, json: false, workspace: cwd },
    };
  if (!(commands as readonly string[]).includes(first))
    return { ok: false, message: `unknown command "${first}"; use one of ${commands.join(', ')}` };
  const command = first as Command;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: 'string' },
        api: { type: 'string' },
        revision: { type: 'string' },
        note: { type: 'string' },
        out: { type: 'string' },
        project: { type: 'string' },
        format: { type: 'string' },
        overwrite: { type: 'boolean' },
        json: { type: 'boolean' },
        workspace: { type: 'string' },
        'data-dir': { type: 'string' },
        gateway: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help)
    return {
      ok: true,
      args: { command: 'help', format: 'apictl', overwrite: false, json: false, workspace: cwd },
    };
  for (const flag of needs[command]) {
    if (!values[flag]) return { ok: false, message: `${command} needs --${flag}` };
  }
  const format = values.format ?? 'apictl';
  if (format !== 'apictl' && format !== 'zip' && format !== 'bundle')
    return { ok: false, message: `--format must be apictl, zip or bundle, got "${format}"` };
  return {
    ok: true,
    args: {
      command,
      ...(values.env !== undefined && { env: values.env }),
      ...(values.api !== undefined && { api: values.api }),
      ...(values.revision !== undefined && { revision: values.revision }),
      ...(values.note !== undefined && { note: values.note }),
      ...(values.out !== undefined && { out: values.out }),
      ...(values.project !== undefined && { project: values.project }),
      ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
      ...(values.gateway !== undefined && { gateway: values.gateway }),
      format,
      overwrite: values.overwrite ?? false,
      json: values.json ?? false,
      workspace: values.workspace ?? cwd,
    },
  };
}

/** Where the studio keeps its data (Electron's `userData` for the product name "Portico"). */
export function defaultDataDir(
  env: NodeJS.ProcessEnv,
  home: string,
  platform: NodeJS.Platform,
): string {
  if (env.PORTICO_DATA_DIR) return env.PORTICO_DATA_DIR;
  if (platform === 'darwin') return `${home}/Library/Application Support/Portico`;
  if (platform === 'win32') return `${env.APPDATA ?? `${home}\\AppData\\Roaming`}\\Portico`;
  return `${env.XDG_CONFIG_HOME || `${home}/.config`}/Portico`;
}

/** `PORTICO_SECRET_STAGING_ADMIN` for the secret `staging-admin`. */
export function secretEnvName(name: string): string {
  return `PORTICO_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
