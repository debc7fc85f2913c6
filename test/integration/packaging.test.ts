/**
 * Packaging that cannot be built here (no Electron binary, no Docker engine), tested
 * for what can be: electron-builder.yml is valid against electron-builder's own
 * schema and names files that exist, and the gateway image's entry command runs as
 * a plain process — refusing an open admin API without a token, serving with one.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { send } from './helpers/backend.js';
import { repoRoot } from './helpers/gateway-nodes.js';

const require = createRequire(import.meta.url);
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Dockerfile instructions of the final stage, continuation lines joined. */
function finalStage(): { instruction: string; args: string }[] {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const parsed = lines.map((l) => {
    const [instruction = '', ...rest] = l.trim().split(/\s+/);
    return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
  });
  const lastFrom = parsed.map((p) => p.instruction).lastIndexOf('FROM');
  return parsed.slice(lastFrom);
}

function execForm(stage: ReturnType<typeof finalStage>, instruction: string): string[] {
  const found = stage.find((s) => s.instruction === instruction);
  return JSON.parse(found?.args ?? 'null') as string[];
}

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('is valid against electron-builder’s configuration schema', async () => {
    const schema = JSON.parse(
      readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const { default: Ajv } = (await import('ajv')) as {
      default: new (o: object) => {
        validate(s: object, d: unknown): boolean;
        errorsText(): string;
      };
    };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(valid ? '' : ajv.errorsText()).toBe('');
  });

  it('builds AppImage, deb, dmg and NSIS with an icon that exists', () => {
    expect(config).toMatchObject({
      appId: 'dev.portico.studio',
      productName: 'Portico',
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'] },
      win: { target: ['nsis'] },
    });
    const icon = readFileSync(join(repoRoot, 'resources/installer/icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    // electron-builder makes .icns and .ico from a PNG of at least 512 px.
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    for (const resource of config.extraResources as { from: string }[])
      expect(existsSync(join(repoRoot, resource.from))).toBe(true);
  });

  it('is what `npm run dist` runs', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder/);
    expect(existsSync(join(repoRoot, pkg.bin.portico ?? ''))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const stage = finalStage();
  const entry = execForm(stage, 'ENTRYPOINT');
  const cmd = execForm(stage, 'CMD');

  it('copies only files that exist and runs the gateway CLI with a data volume', () => {
    for (const { instruction, args } of stage) {
      if (instruction !== 'COPY' || args.startsWith('--from')) continue;
      const sources = args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(join(repoRoot, source))).toBe(true);
    }
    expect(entry).toEqual(['node', 'gateway-runtime/bin/portico-gateway.js']);
    expect(cmd).toEqual(['--host', '0.0.0.0', '--admin-host', '0.0.0.0', '--data-dir', '/data']);
  });

  function run(args: string[], env: Record<string, string>) {
    const [node, script = ''] = entry;
    expect(node).toBe('node');
    const proc = spawn(process.execPath, [join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, PORTICO_ADMIN_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    return { proc, exit, out: () => stdout, err: () => stderr };
  }

  it('refuses to open the admin API on every interface without a token', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-image-'));
    dirs.push(dataDir);
    // The image's own command, with only the data folder moved; it fails before binding anything.
    const gw = run(
      cmd.map((a) => (a === '/data' ? dataDir : a)),
      {},
    );
    expect(await gw.exit).not.toBe(0);
    expect(gw.err()).toMatch(/refusing to serve the admin API on 0\.0\.0\.0 without a token/);
  }, 60_000);

  it('serves with a token, as the container would (bound to 127.0.0.1 here)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-image-'));
    dirs.push(dataDir);
    const args = [
      ...cmd.map((a) => (a === '/data' ? dataDir : a === '0.0.0.0' ? '127.0.0.1' : a)),
      '--port',
      '0',
      '--admin-port',
      '0',
    ];
    const gw = run(args, { PORTICO_ADMIN_TOKEN: 'image-token-123' });
    try {
      await new Promise<void>((resolve, reject) => {
        gw.proc.stdout.on('data', () => {
          if (gw.out().includes('admin http')) resolve();
        });
        void gw.exit.then(() => reject(new Error(`exited: ${gw.err()}`)));
      });
      const admin = /admin (http:\/\/\S+)/.exec(gw.out())?.[1] ?? '';
      const health = await send(admin, '/admin/v1/health', {
        headers: { authorization: 'Bearer image-token-123' },
      });
      expect(health.json()).toMatchObject({ status: 'ok', revision: null });
      expect((await send(admin, '/admin/v1/health')).status).toBe(401);
    } finally {
      gw.proc.kill('SIGTERM');
      await gw.exit;
    }
  }, 60_000);
});
