/**
 * Gateway throughput and latency: the same fixed backend reached directly, through
 * nginx, through the undici floor, through `portico-gateway` with no policies, and
 * through the full chain (JWT from a JWKS over HTTP, subscription, three throttling
 * levels, analytics persisted to SQLite). Saturation at a fixed connection count
 * gives rps and p50/p99; a second pass at half the floor's rps gives the p99 each
 * proxy adds over the direct path when nothing is saturated.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startOidcProvider, type TestOidcProvider } from '../test/integration/helpers/oidc.js';
import { chainBundle, openBundle } from './lib/bundles.js';
import { load, type LoadResult } from './lib/load.js';
import { ensureTool } from './lib/proc.js';
import {
  buildGateway,
  nginxVersion,
  startGateway,
  startNginx,
  startTsServer,
  type Server,
} from './lib/servers.js';
import { ratio, round, stat, statsOf, type Stat } from './lib/stats.js';
import {
  emptyResult,
  type BenchContext,
  type Question,
  type QuestionResult,
  type Row,
  type TargetCheck,
} from './lib/types.js';
import { probeEnforcement } from './lib/throttle-probe.js';

const PATH = '/bench/1/item';
const AUDIENCE = 'https://bench.portico.test';

interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

async function measure(
  ctx: BenchContext,
  targets: Target[],
  rate?: number,
): Promise<Map<string, LoadResult[]>> {
  const results = new Map<string, LoadResult[]>(targets.map((t) => [t.label, []]));
  const run = (t: Target, durationSec: number) =>
    load({
      url: t.url + PATH,
      headers: t.headers ?? {},
      connections: ctx.connections,
      durationSec,
      ...(rate !== undefined && { overallRate: rate }),
    });
  for (const t of targets)
    for (let i = 0; i < ctx.warmups; i++)
      await run(t, Math.max(1, Math.round(ctx.durationSec / 2)));
  // Interleaved repetitions: a burst of load from elsewhere on the machine hits every subject, not one.
  for (let rep = 0; rep < ctx.runs; rep++) {
    for (const t of targets) {
      const r = await run(t, ctx.durationSec);
      const bad = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
      if (r.ok === 0 || bad.length > 0)
        throw new Error(
          `${t.label}: unexpected responses ${JSON.stringify(r.statuses)}, errors ${r.errors}`,
        );
      results.get(t.label)?.push(r);
      ctx.log(
        `  ${rate ? 'half-load' : 'saturation'} ${rep + 1}/${ctx.runs} ${t.label}: ${Math.round(r.rps)} rps, p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms`,
      );
    }
  }
  return results;
}

async function run(ctx: BenchContext): Promise<QuestionResult> {
  const result = emptyResult(question, {
    status: 'measured',
    method:
      `autocannon on 127.0.0.1, ${ctx.connections} keep-alive connections, GET of a 60-byte JSON from one node:http backend; ` +
      `${ctx.warmups} warm-up + ${ctx.runs} interleaved runs of ${ctx.durationSec} s per subject, medians (min-max). ` +
      'Half load: every subject at 50% of the undici floor\'s median rps; "added p99" = p99 through the subject minus p99 direct in the same repetition. ' +
      'nginx: 1 worker, upstream keep-alive. Proxies and Portico are single Node processes; Portico is the tsc-compiled gateway.',
  });
  const notes = result.notes;
  const nginx = ensureTool('nginx', 'nginx', ctx.log);
  const build = await buildGateway(ctx.root, join(ctx.tmpRoot, 'gateway-build'));
  if ('error' in build) throw new Error(`could not compile gateway-runtime: ${build.error}`);

  const backend = await startTsServer(ctx.root, 'backend', []);
  const floor = await startTsServer(ctx.root, 'undici-proxy', [backend.url]);
  let nginxServer: Server | null = null;
  if ('path' in nginx) {
    nginxServer = await startNginx(nginx.path, join(ctx.tmpRoot, 'nginx'), backend.url);
    ctx.versions.nginx = nginxVersion(nginx.path);
  } else notes.push(`nginx row skipped: ${nginx.reason}`);

  let idp: TestOidcProvider | null = null;
  try {
    const openFile = join(ctx.tmpRoot, 'open.bundle.json');
    await writeFile(openFile, JSON.stringify(openBundle(backend.url)));
    const open = await startGateway(build.cli, 'portico-open', [
      '--bundle',
      openFile,
      '--data-dir',
      join(ctx.tmpRoot, 'gw-open'),
    ]);

    idp = await startOidcProvider({
      clients: ['bench-client'],
      accessTokenTtlSec: 3600,
      defaultResource: AUDIENCE,
    });
    const token = await idp.token({ clientId: 'bench-client', resource: AUDIENCE });
    const chainFile = join(ctx.tmpRoot, 'chain.bundle.json');
    const chainOptions = {
      backend: backend.url,
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
      audience: AUDIENCE,
      clientId: 'bench-client',
    };
    await writeFile(chainFile, JSON.stringify(chainBundle(chainOptions)));
    const chain = await startGateway(build.cli, 'portico-chain', [
      '--bundle',
      chainFile,
      '--data-dir',
      join(ctx.tmpRoot, 'gw-chain'),
    ]);

    const targets: Target[] = [
      { label: 'direct (backend)', url: backend.url },
      ...(nginxServer ? [{ label: 'nginx', url: nginxServer.url }] : []),
      { label: 'undici floor', url: floor.url },
      { label: 'portico, no policies', url: open.url },
      {
        label: 'portico, full chain',
        url: chain.url,
        headers: { authorization: `Bearer ${token}` },
      },
    ];
    const saturated = await measure(ctx, targets);
    const rps = (label: string): Stat | null => {
      const runs = saturated.get(label);
      return runs
        ? stat(
            'rps',
            runs.map((r) => r.rps),
          )
        : null;
    };
    const floorRps = rps('undici floor');
    const nginxRps = nginxServer ? rps('nginx') : null;
    const halfRate = Math.max(100, Math.round((floorRps?.median ?? 2000) / 2));
    ctx.log(`  half load: ${halfRate} rps`);
    const half = await measure(ctx, targets, halfRate);
    const directHalf = half.get('direct (backend)') ?? [];

    for (const t of targets) {
      const sat = saturated.get(t.label) ?? [];
      const hl = half.get(t.label) ?? [];
      const figures: Record<string, Stat> = {
        ...statsOf(sat, {
          rps: ['rps', (r) => r.rps],
          p50: ['ms', (r) => r.p50],
          p99: ['ms', (r) => r.p99],
        }),
        ...statsOf(hl, {
          'half-load rps': ['rps', (r) => r.rps],
          'half-load p99': ['ms', (r) => r.p99],
        }),
      };
      // A subject that cannot serve the half-load rate is saturated there: its p99 is queueing, not added work.
      const short = hl.filter((r) => r.rps < halfRate * 0.95).length;
      if (short > 0)
        notes.push(
          `${t.label}: below the half-load rate of ${halfRate} rps in ${short} of ${hl.length} runs (saturated; its half-load p99 is queueing)`,
        );
      if (t.label !== 'direct (backend)') {
        figures['added p99 at half load'] = stat(
          'ms',
          hl.map((r, i) => r.p99 - (directHalf[i]?.p99 ?? Number.NaN)),
        );
      }
      if (nginxRps) figures['rps / nginx'] = ratio(figures.rps as Stat, nginxRps);
      if (floorRps) figures['rps / undici floor'] = ratio(figures.rps as Stat, floorRps);
      const row: Row = { label: t.label, figures, notes: [] };
      result.rows.push(row);
    }

    const enforced = await probeEnforcement(ctx, build.cli, chainOptions, token);
    notes.push(`throttling levels enforced at run time (over-limit probe): ${enforced.summary}`);
    result.rows.find((r) => r.label === 'portico, full chain')?.notes?.push(enforced.summary);

    const full = result.rows.find((r) => r.label === 'portico, full chain')?.figures;
    result.targets = targetChecks(full);
  } finally {
    await idp?.close();
  }
  return result;
}

function targetChecks(full: Record<string, Stat> | undefined): TargetCheck[] {
  if (!full) return [];
  const checks: TargetCheck[] = [];
  const toNginx = full['rps / nginx'];
  const toFloor = full['rps / undici floor'];
  const added = full['added p99 at half load'];
  if (toNginx)
    checks.push({
      target: 'full chain >= 70% of nginx rps',
      measured: `${round(toNginx.median * 100, 1)}%`,
      met: toNginx.median >= 0.7,
    });
  if (toFloor)
    checks.push({
      target: 'full chain >= 90% of the undici floor rps',
      measured: `${round(toFloor.median * 100, 1)}%`,
      met: toFloor.median >= 0.9,
    });
  if (added)
    checks.push({
      target: 'full chain p99 added latency < 2 ms at half load',
      measured: `${round(added.median, 2)} ms`,
      met: added.median < 2,
    });
  return checks;
}

export const question: Question = {
  id: 'gateway-throughput',
  title: 'Gateway throughput and latency',
  run,
};
