/**
 * `npm run start:web`: the studio's services under Node, served to a browser.
 * Prints exactly one line on stdout, `Portico studio: <url>/?token=<token>`
 * (scripts and tests parse it); everything else goes to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioServices } from '../services/index.js';
import { createNodeGatewayLauncher } from '../services/node-gateway-launcher.js';
import { ArgsError, parseWebHostArgs, usage } from './args.js';
import { startWebHost } from './server.js';
import type { WebHost } from './server.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function log(level: string, message: string): void {
  process.stderr.write(`[portico] ${level}: ${message}\n`);
}

/** Runs `electron-vite build` (no Electron binary needed) when the renderer has not been built. */
async function buildRenderer(rendererDir: string): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  log('info', `no built renderer in ${rendererDir}; running electron-vite build`);
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('electron-vite/package.json');
  const bin = join(dirname(pkg), 'bin', 'electron-vite.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    // The build's own output goes to stderr: stdout carries only the URL line.
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 2, 2],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0 || !existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`electron-vite build failed (exit ${code}); run \`npm run build\` to see why`);
  }
}

async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2), process.env, {
    cwd: process.cwd(),
    rendererDir: join(repoRoot, 'out', 'renderer'),
  });
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  await buildRenderer(args.rendererDir);

  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const services = await createStudioServices({
    userDataPath: args.userData,
    host: 'web',
    appVersion: version,
    gatewayLauncher: createNodeGatewayLauncher(),
    sampleWorkspacePath: args.sampleWorkspace,
    workspacePath: args.workspace,
    gatewayPort: args.gatewayPort,
    log,
  });
  let host: WebHost;
  try {
    host = await startWebHost({
      services,
      host: '127.0.0.1',
      port: args.port,
      rendererDir: args.rendererDir,
      log,
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log('warn', `${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    const running = host;
    void (async () => {
      try {
        await running.close();
        await services.close();
        process.exit(0);
      } catch (error) {
        log('error', `shutting down: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Announce the URL only once the handlers are in place: writes to a pipe are
  // synchronous, and whoever reads this line may signal at once.
  process.stdout.write(`Portico studio: ${host.url}/?token=${host.token}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ArgsError) {
    process.stderr.write(`portico web: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  log('error', error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
