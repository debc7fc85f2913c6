/**
 * Studio cold start: from spawning the web host (`main/web-host/cli.ts` through tsx,
 * as `npm run start:web` runs it, on a fresh user-data folder and an empty workspace
 * it seeds with the sample) to the explorer showing the sample's APIs in Chromium.
 * Peer: a static file server serving the same built `out/renderer`, from spawn to
 * the bundle's first render. Memory is the resident set of each server process
 * tree (the web host includes its local gateway child) once rendered.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureTool, startProcess, treeRssMiB } from './lib/proc.js';
import { ratio, stat, statsOf } from './lib/stats.js';
import {
  emptyResult,
  type BenchContext,
  type Question,
  type QuestionResult,
  type Row,
} from './lib/types.js';

const URL_LINE = /Portico studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const LISTENING = /listening (http:\/\/127\.0\.0\.1:\d+)/;

interface Sample {
  ready: number;
  firstRender: number;
  explorer: number | null;
  rssMiB: number;
}

async function once(
  ctx: BenchContext,
  browser: Browser,
  kind: 'portico' | 'static',
): Promise<Sample> {
  const dir = await mkdtemp(join(ctx.tmpRoot, `${kind}-`));
  const started = performance.now();
  const proc =
    kind === 'portico'
      ? await startProcess(
          'web-host',
          process.execPath,
          [
            '--import',
            'tsx',
            'main/web-host/cli.ts',
            '--port',
            '0',
            '--user-data',
            join(dir, 'ud'),
            '--workspace',
            join(dir, 'ws'),
            '--gateway-port',
            '0',
          ],
          { ready: URL_LINE, cwd: ctx.root, group: true, timeoutMs: 120_000 },
        )
      : await startProcess(
          'static-files',
          process.execPath,
          ['--import', 'tsx', 'bench/servers/static-files.ts', join(ctx.root, 'out/renderer')],
          {
            ready: LISTENING,
            cwd: ctx.root,
          },
        );
  const ready = performance.now() - started;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(proc.match?.[1] ?? '', { timeout: 60_000 });
    await page.locator('#root > *').first().waitFor({ state: 'attached', timeout: 60_000 });
    const firstRender = performance.now() - started;
    let explorer: number | null = null;
    if (kind === 'portico') {
      await page
        .getByRole('tree', { name: 'Workspace' })
        .getByRole('treeitem')
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      explorer = performance.now() - started;
    }
    const rssMiB = proc.child.pid === undefined ? Number.NaN : treeRssMiB(proc.child.pid);
    return { ready, firstRender, explorer, rssMiB };
  } finally {
    await context.close();
    await proc.stop();
  }
}

async function run(ctx: BenchContext): Promise<QuestionResult> {
  const result = emptyResult(question, {
    status: 'measured',
    method:
      'Chromium (Debian, headless) launched once; per run a fresh browser context, a fresh user-data folder and empty workspace. ' +
      'Times from spawning the server process: "ready" = URL/listening line printed, "first render" = #root has content, ' +
      '"explorer" = the Workspace tree shows an API. RSS = resident memory of the server process tree after render. ' +
      `${ctx.warmups} warm-up + ${ctx.runs} measured runs, alternating Portico and the peer.`,
  });
  if (!existsSync(join(ctx.root, 'out/renderer/index.html'))) {
    // A clean clone has no built UI; build it once, outside the timing (the web host would too).
    ctx.log('  building out/renderer (electron-vite build)...');
    const bin = join(ctx.root, 'node_modules/electron-vite/bin/electron-vite.js');
    spawnSync(process.execPath, [bin, 'build'], {
      cwd: ctx.root,
      stdio: 'ignore',
      timeout: 600_000,
    });
    if (!existsSync(join(ctx.root, 'out/renderer/index.html'))) {
      throw new Error('out/renderer could not be built: run `npm run build` to see why');
    }
  }
  const chromiumPath = process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) {
    const tool = ensureTool('chromium', 'chromium', ctx.log);
    if ('reason' in tool) throw new Error(tool.reason);
  }
  await mkdir(ctx.tmpRoot, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  ctx.versions.chromium = browser.version();
  const samples: Record<'portico' | 'static', Sample[]> = { portico: [], static: [] };
  try {
    for (let i = 0; i < ctx.warmups + ctx.runs; i++) {
      for (const kind of ['portico', 'static'] as const) {
        const s = await once(ctx, browser, kind);
        ctx.log(
          `  ${kind} ${i < ctx.warmups ? 'warm-up' : `${i - ctx.warmups + 1}/${ctx.runs}`}: ready ${Math.round(s.ready)} ms, first render ${Math.round(s.firstRender)} ms${s.explorer ? `, explorer ${Math.round(s.explorer)} ms` : ''}, ${Math.round(s.rssMiB)} MiB`,
        );
        if (i >= ctx.warmups) samples[kind].push(s);
      }
    }
  } finally {
    await browser.close();
  }
  const row = (label: string, list: Sample[]): Row => {
    const explorer = list.flatMap((s) => (s.explorer === null ? [] : [s.explorer]));
    return {
      label,
      figures: {
        ...statsOf(list, {
          ready: ['ms', (s) => s.ready],
          'first render': ['ms', (s) => s.firstRender],
        }),
        ...(explorer.length > 0 && { explorer: stat('ms', explorer) }),
        ...statsOf(list, { RSS: ['MiB', (s) => s.rssMiB] }),
      },
    };
  };
  const portico = row('portico web host (tsx, services, local gateway)', samples.portico);
  const peer = row('static file server, same out/renderer', samples.static);
  const [a, b] = [portico.figures['first render'], peer.figures['first render']];
  if (a && b) portico.figures['first render / peer'] = ratio(a, b);
  result.rows.push(portico, peer);
  return result;
}

export const question: Question = {
  id: 'studio-cold-start',
  title: 'Studio: web host cold start to first render',
  run,
};
