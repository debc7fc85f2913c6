/**
 * Starting the subjects of a bench: the fixed backend, the undici floor, nginx and
 * `portico-gateway`. The gateway is compiled with tsc into the bench's scratch
 * directory (not gateway-runtime/dist, which would change what other checkouts'
 * `portico-gateway` runs) so that tsx's on-the-fly transpiling is not measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { capture, freePort, startProcess, type Running } from './proc.js';

/** A started server and the origin it serves. */
export interface Server {
  url: string;
  process: Running;
}

const listening = /listening (http:\/\/127\.0\.0\.1:\d+)/;
const adminLine = /admin (http:\/\/127\.0\.0\.1:\d+)/;

/** Runs one of `bench/servers/*.ts` with tsx's loader (it only transpiles at import; request handling is plain JS). */
export async function startTsServer(
  root: string,
  name: string,
  args: readonly string[],
): Promise<Server> {
  const proc = await startProcess(
    name,
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/servers', `${name}.ts`), ...args],
    {
      ready: listening,
      cwd: root,
    },
  );
  return { url: proc.match?.[1] ?? '', process: proc };
}

/** nginx as a reverse proxy to `upstream`: one worker, upstream keep-alive, no access log. */
export async function startNginx(nginx: string, dir: string, upstream: string): Promise<Server> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const upstreamHost = new URL(upstream).host;
  const conf = `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream backend { server ${upstreamHost}; keepalive 128; keepalive_requests 1000000; keepalive_timeout 120s; }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  await writeFile(file, conf);
  const proc = await startProcess(
    'nginx',
    nginx,
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', file, '-g', 'daemon off;'],
    { port },
  );
  return { url: `http://127.0.0.1:${port}`, process: proc };
}

export function nginxVersion(nginx: string): string {
  return capture(nginx, ['-v']).output.replace(/^nginx version: /, '');
}

/**
 * Compiles gateway-runtime with its own tsconfig.build.json into `dir`; returns the
 * compiled CLI, or null (with the compiler's output) if nothing was emitted.
 */
export async function buildGateway(
  root: string,
  dir: string,
): Promise<{ cli: string } | { error: string }> {
  await mkdir(dir, { recursive: true });
  const outDir = join(dir, 'dist');
  const cli = join(outDir, 'bin/portico-gateway.js');
  // One compile per bench run: every question shares the scratch directory.
  if (existsSync(join(dir, 'package.json')) && existsSync(cli)) return { cli };
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'gateway-runtime/tsconfig.build.json'), '--outDir', outDir],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  // tsc emits despite type errors (another engineer's file mid-edit): run what it emitted.
  if (!existsSync(cli))
    return { error: `${result.stdout}${result.stderr}`.slice(0, 2000) || 'tsc emitted nothing' };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  if (!existsSync(join(dir, 'node_modules')))
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { cli };
}

export interface GatewayServer extends Server {
  admin: string;
}

/** Starts the compiled `portico-gateway` (any free ports); `args` go after the port flags. */
export async function startGateway(
  cli: string,
  name: string,
  args: readonly string[],
): Promise<GatewayServer> {
  const proc = await startProcess(
    name,
    process.execPath,
    [cli, '--port', '0', '--admin-port', '0', ...args],
    {
      ready: /admin http:\/\/127\.0\.0\.1:\d+/,
    },
  );
  const out = proc.output();
  return {
    url: out.match(listening)?.[1] ?? '',
    admin: out.match(adminLine)?.[1] ?? '',
    process: proc,
  };
}
