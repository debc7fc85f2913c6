/**
 * Streaming AI: a mock OpenAI-style vendor on 127.0.0.1 streams a 500-event
 * completion (the recorded OpenAI stream's shape); the same calls go to it directly
 * and through `portico-gateway` serving an AI API with token accounting (the gateway
 * adds `stream_options.include_usage`, parses every event as it passes, strips the
 * usage chunk the client did not ask for, prices the call and records analytics in
 * SQLite). Reports time to first byte, one stream's chunks/s and bytes/s, and
 * completions/s under concurrency, with what the gateway adds: TTFB in ms and
 * throughput as a share of direct, each paired within a repetition (the two subjects
 * measured back to back, in alternating order) before the median is taken.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { GatewayBundleInput } from '../gateway-runtime/src/index.js';
import { startProcess } from './lib/proc.js';
import { buildGateway, startGateway, startTsServer } from './lib/servers.js';
import { median, ratio, round, stat, statsOf } from './lib/stats.js';
import { emptyResult, type BenchContext, type Question, type QuestionResult } from './lib/types.js';

const CHUNKS = 500;
const SEQUENTIAL = 20;
const CONCURRENCY = 16;
const BODY = JSON.stringify({
  model: 'gpt-4.1-nano',
  stream: true,
  messages: [{ role: 'user', content: 'Write three paragraphs about API gateways.' }],
});

interface Completion {
  ttfbMs: number;
  totalMs: number;
  bytes: number;
}

/** One streamed completion, timed from the request to its first and last body byte. */
function complete(agent: Agent, url: string): Promise<Completion> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first = 0n;
    let bytes = 0;
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${url}: HTTP ${res.statusCode}`));
          return;
        }
        res.on('data', (chunk: Buffer) => {
          if (first === 0n) first = process.hrtime.bigint();
          bytes += chunk.length;
        });
        res.on('error', reject);
        res.on('end', () => {
          const end = process.hrtime.bigint();
          resolve({
            ttfbMs: Number(first - start) / 1e6,
            totalMs: Number(end - start) / 1e6,
            bytes,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

interface RunFigures {
  ttfbMs: number;
  chunksPerSec: number;
  bytesPerSec: number;
  completionsPerSec: number;
  bytes: number;
}

/** Sequential completions (TTFB, per-stream throughput), then `CONCURRENCY` loops for `durationSec`. */
async function measureOnce(url: string, durationSec: number): Promise<RunFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const sequential: Completion[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await complete(agent, url));
    const totalMs = median(sequential.map((c) => c.totalMs));
    const bytes = median(sequential.map((c) => c.bytes));
    let done = 0;
    const deadline = Date.now() + durationSec * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < deadline) {
          await complete(agent, url);
          done += 1;
        }
      }),
    );
    const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      ttfbMs: median(sequential.map((c) => c.ttfbMs)),
      chunksPerSec: CHUNKS / (totalMs / 1000),
      bytesPerSec: bytes / (totalMs / 1000),
      completionsPerSec: done / elapsedSec,
      bytes,
    };
  } finally {
    agent.destroy();
  }
}

function aiBundle(vendorUrl: string): GatewayBundleInput {
  return {
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: 'bench-ai',
    aiVendors: [
      {
        name: 'openai',
        type: 'openai',
        prices: [{ model: 'gpt-4.1-nano*', input: 0.1, cachedInput: 0.025, output: 0.4 }],
      },
    ],
    apis: [
      {
        id: 'chat',
        name: 'Chat',
        version: 'v1',
        context: '/chat',
        type: 'AI',
        operations: [{ method: 'POST', target: '/chat/completions', auth: 'none' }],
        endpoints: {
          production: {
            type: 'ai',
            vendor: 'openai',
            url: `${vendorUrl}/v1`,
            secretRef: 'vendor-key',
          },
        },
        subscriptionRequired: false,
      },
    ],
  };
}

async function run(ctx: BenchContext): Promise<QuestionResult> {
  const result = emptyResult(question, {
    status: 'measured',
    method:
      `A mock OpenAI-style vendor (its own process) streams ${CHUNKS} SSE events per completion, one write each. ` +
      `Per run: ${SEQUENTIAL} sequential completions (median TTFB and per-stream chunks/s, bytes/s), then ${CONCURRENCY} concurrent ` +
      `keep-alive loops for ${ctx.durationSec} s (completions/s). Direct to the vendor vs through portico-gateway (compiled, ` +
      'AI endpoint, include_usage added and stripped, usage parsed from the stream, cost priced, analytics in SQLite). ' +
      `${ctx.warmups} warm-up + ${ctx.runs} interleaved runs (order alternating), medians (min-max). ` +
      'Added TTFB and % of direct are paired per repetition, then the median is taken. ' +
      'The undici floor (bench/servers/undici-proxy.ts, no accounting) is measured the same way, as the peer for what any Node proxy adds.',
  });
  const build = await buildGateway(ctx.root, join(ctx.tmpRoot, 'gateway-build'));
  if ('error' in build) throw new Error(`compiling portico-gateway failed: ${build.error}`);
  const vendor = await startProcess(
    'mock-llm',
    process.execPath,
    ['--import', 'tsx', join(ctx.root, 'bench/lib/mock-llm.ts'), '--chunks', String(CHUNKS)],
    { ready: /listening (http:\/\/127\.0\.0\.1:\d+)/, cwd: ctx.root },
  );
  const vendorUrl = vendor.match?.[1] ?? '';
  const bundleFile = join(ctx.tmpRoot, 'ai.bundle.json');
  await writeFile(bundleFile, JSON.stringify(aiBundle(vendorUrl)));
  const token = randomBytes(16).toString('hex');
  const gateway = await startGateway(build.cli, 'portico-ai', [
    ...['--bundle', bundleFile],
    ...['--data-dir', join(ctx.tmpRoot, 'ai-gateway-data')],
    ...['--admin-token', token],
  ]);
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${gateway.admin}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const put = await admin('/admin/v1/secrets/vendor-key', {
    method: 'PUT',
    body: JSON.stringify({ value: 'sk-bench' }),
  });
  if (put.status !== 200) throw new Error(`setting the vendor key: HTTP ${put.status}`);

  // The Node floor as a peer: what any proxy process adds on this machine, accounting aside.
  const floor = await startTsServer(ctx.root, 'undici-proxy', [vendorUrl]);
  const subjects = [
    { label: 'direct to the mock vendor', url: `${vendorUrl}/v1/chat/completions` },
    {
      label: 'through portico-gateway (AI, token accounting)',
      url: `${gateway.url}/chat/v1/chat/completions`,
    },
    { label: 'through the undici floor (no accounting)', url: `${floor.url}/v1/chat/completions` },
  ];
  const runs = new Map<string, RunFigures[]>(subjects.map((s) => [s.label, []]));
  for (let w = 0; w < ctx.warmups; w++)
    for (const s of subjects)
      await measureOnce(s.url, Math.max(1, Math.round(ctx.durationSec / 2)));
  for (let rep = 0; rep < ctx.runs; rep++) {
    // Alternating order: whichever goes second meets a warmer (or busier) machine.
    for (const s of rep % 2 === 0 ? subjects : [...subjects].reverse()) {
      const f = await measureOnce(s.url, ctx.durationSec);
      runs.get(s.label)?.push(f);
      ctx.log(
        `  ${rep + 1}/${ctx.runs} ${s.label}: TTFB ${round(f.ttfbMs)} ms, ${Math.round(f.chunksPerSec)} chunks/s, ${round(f.completionsPerSec, 1)} completions/s`,
      );
    }
  }
  // Each subject's runs, in `subjects` order; the paired figures below index them by repetition.
  const [direct1, portico1, floor1] = subjects.map((s) => runs.get(s.label) ?? []);
  if (!direct1 || !portico1 || !floor1) throw new Error('no runs');
  const figures = (list: RunFigures[]) =>
    statsOf(list, {
      ttfb: ['ms', (f) => f.ttfbMs],
      streamChunks: ['chunks/s', (f) => f.chunksPerSec],
      streamBytes: ['MB/s', (f) => f.bytesPerSec / 1e6],
      completions: [`completions/s @${CONCURRENCY}`, (f) => f.completionsPerSec],
    });
  const direct = figures(direct1);
  const portico = figures(portico1);
  result.rows.push(
    { label: subjects[0]?.label ?? '', figures: direct },
    { label: subjects[1]?.label ?? '', figures: portico },
    { label: subjects[2]?.label ?? '', figures: figures(floor1) },
    {
      label: 'ratio gateway / direct',
      figures: {
        ttfb: ratio(portico.ttfb, direct.ttfb),
        streamChunks: ratio(portico.streamChunks, direct.streamChunks),
        completions: ratio(portico.completions, direct.completions),
      },
    },
  );

  // Paired per repetition: both subjects met the same moment's load on the machine.
  /** What `other` adds over `base` in each repetition: TTFB in ms, throughput as a share. */
  const versus = (base: RunFigures[], other: RunFigures[], share: string) => {
    const paired = (f: (b: RunFigures, o: RunFigures) => number) =>
      base.map((b, i) => {
        const o = other[i];
        return o ? f(b, o) : Number.NaN;
      });
    return {
      ttfb: stat(
        'ms',
        paired((b, o) => o.ttfbMs - b.ttfbMs),
      ),
      streamChunks: stat(
        share,
        paired((b, o) => (100 * o.chunksPerSec) / b.chunksPerSec),
      ),
      completions: stat(
        share,
        paired((b, o) => (100 * o.completionsPerSec) / b.completionsPerSec),
      ),
    };
  };
  const gatewayVsDirect = versus(direct1, portico1, '% of direct');
  const floorVsDirect = versus(direct1, floor1, '% of direct');
  // The same pairing against the floor: what Portico adds beyond any Node proxy.
  const gatewayVsFloor = versus(floor1, portico1, '% of floor');
  result.rows.push(
    { label: 'gateway vs direct, paired per run', figures: gatewayVsDirect },
    { label: 'undici floor vs direct, paired per run', figures: floorVsDirect },
    { label: 'gateway vs undici floor, paired per run', figures: gatewayVsFloor },
  );
  const addedTtfb = gatewayVsDirect.ttfb;
  const streamShare = gatewayVsDirect.streamChunks;
  const concurrentShare = gatewayVsDirect.completions;
  const floorAddedTtfb = floorVsDirect.ttfb;
  const ttfbOverFloor = gatewayVsFloor.ttfb;
  result.notes.push(
    `TTFB a 20-line undici proxy adds over direct: +${round(floorAddedTtfb.median, 2)} ms; Portico over that floor: ${ttfbOverFloor.median >= 0 ? '+' : ''}${round(ttfbOverFloor.median, 2)} ms (medians of paired runs).`,
  );
  result.targets.push(
    {
      target: 'no measurable TTFB added (median added < 1 ms)',
      measured: `+${round(addedTtfb.median, 2)} ms (${round(addedTtfb.min, 2)} to ${round(addedTtfb.max, 2)})`,
      met: addedTtfb.median < 1,
    },
    {
      target: 'one stream keeps >= 80% of direct chunks/s',
      measured: `${round(streamShare.median, 1)}%`,
      met: streamShare.median >= 80,
    },
    {
      target: `${CONCURRENCY} concurrent streams keep >= 80% of direct completions/s`,
      measured: `${round(concurrentShare.median, 1)}%`,
      met: concurrentShare.median >= 80,
    },
  );

  // Token accounting was on: every streamed call through the gateway carries the vendor's figures.
  const summary = (await (await admin('/admin/v1/analytics/summary?groupBy=vendor')).json()) as {
    rows: { key: string; requests: number; totalTokens: number; aiCost?: number }[];
  };
  const row = summary.rows.find((r) => r.key === 'openai');
  const expected = (row?.requests ?? 0) * (CHUNKS + 16);
  result.targets.push({
    target: "every streamed call through the gateway is metered with the vendor's exact usage",
    measured: `${row?.requests ?? 0} calls, ${row?.totalTokens ?? 0} total tokens (expected ${expected})`,
    met: row !== undefined && row.requests > 0 && row.totalTokens === expected,
  });
  const bytesDirect = median(direct1.map((f) => f.bytes));
  const bytesPortico = median(portico1.map((f) => f.bytes));
  result.notes.push(
    `Bytes per completion: direct ${bytesDirect}, through the gateway ${bytesPortico} (the usage chunk the gateway asked for is removed).`,
  );
  return result;
}

export const question: Question = {
  id: 'ai-streaming',
  title: 'Streaming AI: time to first byte and throughput',
  run,
};
