/**
 * `portico`: publishing and API tests without the studio's window, for CI pipelines.
 * It opens the studio's store (revisions, deployment history, applications, secrets)
 * and reads the workspace folder, then calls the same services the studio does.
 *
 * Exit codes: 0 done; 1 failed (a push that not every node took, a failed test case,
 * a refused call); 2 bad arguments.
 */
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportApictlProject, importApictlProject } from '../services/apictl/apictl-project.js';
import { exportApictlZip, importApictlZip } from '../services/apictl/apictl-zip.js';
import { Deployments } from '../services/environments/deployments.js';
import {
  EnvironmentsService,
  type PushReport,
  type SecretSource,
} from '../services/environments/environments-service.js';
import { StudioError } from '../services/errors.js';
import { currentAuthor } from '../services/revisions/author.js';
import { RevisionsService } from '../services/revisions/revisions-service.js';
import { readWorkspaceResources } from '../services/revisions/workspace-resources.js';
import { openStore, type Store } from '../services/store/store.js';
import { DefinitionCache } from '../services/workspace/api-files.js';
import { scanWorkspace } from '../services/workspace/scan.js';
import { defaultDataDir, parseCliArgs, secretEnvName, usage, type CliArgs } from './args.js';
import { formatResults, runTestCommand } from './test-command.js';

/** Where the command writes and what it reads from its process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function printReport(io: CliIo, report: PushReport): void {
  for (const node of report.nodes) {
    io.stdout(
      node.ok
        ? `${node.node}\tok\t${node.revision ?? '(nothing deployed)'}\n`
        : `${node.node}\tFAILED\t${node.error ?? ''}\n`,
    );
  }
  const what = report.revisionId ?? 'nothing';
  io.stdout(
    `${report.outcome}: ${report.action} ${report.apiId} ${what} to ${report.environment}\n`,
  );
}

function secretsFrom(io: CliIo, store: Store): SecretSource {
  return {
    get: (name) => io.env[secretEnvName(name)] ?? store.secrets.get(name),
  };
}

async function execute(args: CliArgs, io: CliIo, store: Store): Promise<number> {
  const root = resolve(io.cwd, args.workspace);
  const scan = await scanWorkspace(root, new DefinitionCache());
  const author = () => currentAuthor(root);
  const revisions = new RevisionsService({
    db: store.db,
    apis: () => scan.apis,
    resources: () => readWorkspaceResources(root),
    author,
  });
  const environments = new EnvironmentsService({
    root: () => root,
    revisions,
    deployments: new Deployments(store.db),
    secrets: secretsFrom(io, store),
    author,
  });
  const out = (value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  const env = args.env ?? '';
  const api = args.api ?? '';

  switch (args.command) {
    case 'push':
    case 'rollback':
    case 'undeploy': {
      const progress = args.json
        ? undefined
        : (p: { node: string; stage: string; message?: string }) =>
            io.stderr(`[${p.node}] ${p.stage}${p.message ? `: ${p.message}` : ''}\n`);
      const target = { environment: env, apiId: api };
      const report =
        args.command === 'push'
          ? await environments.push(
              {
                ...target,
                ...(args.revision !== undefined && { revisionId: args.revision }),
                ...(args.note !== undefined && { note: args.note }),
              },
              progress,
            )
          : args.command === 'rollback'
            ? await environments.rollback(target, progress)
            : await environments.undeploy(target, progress);
      if (args.json) out(report);
      else printReport(io, report);
      return report.outcome === 'deployed' ? 0 : 1;
    }
    case 'status': {
      const status = await environments.status(env);
      if (args.json) out(status);
      else {
        for (const node of status.nodes)
          io.stdout(`${node.node}\t${node.revision ?? '-'}\t${node.error ?? 'ok'}\n`);
        io.stdout(`${status.environment}: ${status.state}\n`);
      }
      return status.state === 'in-sync' ? 0 : 1;
    }
    case 'revision': {
      const { revision, created } = await revisions.create(api, args.note);
      if (args.json) out({ ...revision, created });
      else io.stdout(`${revision.id}\n`);
      return 0;
    }
    case 'export': {
      const outDir = resolve(io.cwd, args.out ?? '.');
      if (args.format === 'bundle') {
        const id = args.revision ?? (await revisions.create(api, args.note)).revision.id;
        const revision = revisions.get(id);
        const file = join(outDir, `${api}.bundle.json`);
        await writeFile(file, `${JSON.stringify(revision.bundle, null, 2)}\n`);
        io.stdout(`${file}\n`);
        return 0;
      }
      const exportInput = {
        root,
        apiId: api,
        outDir,
        ...(args.env !== undefined && { environments: [args.env] }),
      };
      const project =
        args.format === 'zip'
          ? await exportApictlZip(exportInput)
          : await exportApictlProject(exportInput);
      io.stdout(`${project}\n`);
      return 0;
    }
    case 'help':
      io.stdout(usage);
      return 0;
    case 'test': {
      const results = await runTestCommand({
        root,
        apiId: api,
        apis: scan.apis,
        store,
        ...(args.gateway !== undefined && { gatewayUrl: args.gateway }),
        secret: (name) => secretsFrom(io, store).get(name),
      });
      if (args.json) out(results);
      else io.stdout(formatResults(results));
      return results.every((r) => r.passed) ? 0 : 1;
    }
    case 'import': {
      const source = resolve(io.cwd, args.project ?? '.');
      const result = source.toLowerCase().endsWith('.zip')
        ? await importApictlZip({ root, archive: source, overwrite: args.overwrite })
        : await importApictlProject({ root, projectDir: source, overwrite: args.overwrite });
      if (args.json) out(result);
      else io.stdout(`${result.apiId}\n`);
      return 0;
    }
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, io.cwd);
  if (!parsed.ok) {
    io.stderr(`portico: ${parsed.message}\n\n${usage}`);
    return 2;
  }
  const { args } = parsed;
  if (args.command === 'help') {
    io.stdout(usage);
    return 0;
  }
  let store: Store | null = null;
  try {
    store = openStore({
      userDataPath: resolve(
        io.cwd,
        args.dataDir ?? defaultDataDir(io.env, homedir(), process.platform),
      ),
    });
    return await execute(args, io, store);
  } catch (error) {
    const message =
      error instanceof StudioError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr(`portico: ${message}\n`);
    return 1;
  } finally {
    store?.close();
  }
}
