/**
 * Lint of GitHub's REST API description (`api.github.com.json`, 13 MB, from the
 * `@octokit/openapi` package, fetched once with `npm pack` by the tests' real-specs helper, never
 * a dependency) with Portico's linter vs the Spectral CLI, on the same file and
 * the same ruleset: `spectral:oas` recommended WITHOUT the two example-validation
 * rules (with them the CLI needs minutes and gigabytes on this file). Both run as
 * child processes so peak memory (maxRSS) is theirs alone. Portico's findings are
 * compared with the CLI's (code, path, line); then Portico re-lints after a
 * one-line edit from a warm chunk cache, and its findings are compared with a
 * full lint of the edited text.
 *
 * Run alone as a child: `tsx bench/lint.ts --child <mode> <spec> <ruleset>`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleset } from '../renderer/src/editor/lint/ruleset.js';
import { SpectralLinter, knownRules } from '../renderer/src/editor/lint/spectral-lint.js';
import type { LintDiagnostic } from '../renderer/src/editor/lint/types.js';
import { ratio, stat } from './lib/stats.js';
import { githubSpecFile } from '../test/support/real-specs.js';
import type { BenchContext, Question, QuestionResult, Row } from './lib/types.js';

/** The ruleset both linters use. */
export const benchRuleset = `extends: [[spectral:oas, recommended]]
rules:
  oas3-valid-media-example: off
  oas3-valid-schema-example: off
`;

/** A finding as both linters can be compared: rule, JSON path, one-based line. */
type Finding = string;
const finding = (code: string, path: readonly (string | number)[], line: number): Finding =>
  `${code} ${path.join('.')} @${line}`;

interface ChildReport {
  ms: number;
  maxRssMiB: number;
  findings: Finding[];
  /** Portico only: warm-up of the chunk cache and re-lints after one-line edits. */
  warmupMs?: number;
  relint?: { ms: number; relinted: number; chunks: number; mode: string; equal: boolean }[];
}

const toFindings = (ds: readonly LintDiagnostic[]): Finding[] =>
  ds.map((d) => finding(d.code, d.path, d.range.start.line + 1));

/** The child: one full lint, and with `relint`, a warm-up and re-lints after edits. */
async function child(mode: string, spec: string, rulesetFile: string): Promise<void> {
  const text = readFileSync(spec, 'utf8');
  const config = parseRuleset(readFileSync(rulesetFile, 'utf8'), knownRules);
  const linter = new SpectralLinter(config);
  const started = performance.now();
  const full = await linter.lint(text, { language: 'json', exampleRules: 'off' });
  const report: ChildReport = {
    ms: performance.now() - started,
    maxRssMiB: 0,
    findings: toFindings(full.diagnostics),
  };
  if (mode === 'relint') {
    const w = performance.now();
    await linter.warm(() => false);
    report.warmupMs = performance.now() - w;
    report.relint = [];
    // One-line edits in different path items: each a summary changed in place.
    const summaries = [...text.matchAll(/"summary": "([^"\n]+)"/g)].slice(100, 103);
    for (const m of summaries) {
      const edited = text.replace(m[0], `"summary": "${m[1]} (edited)"`);
      const t = performance.now();
      const inc = await linter.lint(edited, { language: 'json', exampleRules: 'off' });
      const ms = performance.now() - t;
      const reference = await new SpectralLinter(config).lint(edited, {
        language: 'json',
        exampleRules: 'off',
        incremental: false,
      });
      const a = toFindings(inc.diagnostics).join('\n');
      report.relint.push({
        ms,
        relinted: inc.stats.relinted,
        chunks: inc.stats.chunks,
        mode: inc.stats.mode,
        equal: a === toFindings(reference.diagnostics).join('\n'),
      });
      // Back to the original text, so the next edit starts from the warm cache.
      await linter.lint(text, { language: 'json', exampleRules: 'off' });
    }
  }
  report.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function run(command: string, args: string[], cwd: string): Promise<{ out: string; code: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    // The harness exits on Ctrl-C without knowing this child: take it along.
    const stop = () => p.kill('SIGTERM');
    process.once('exit', stop);
    p.once('exit', () => process.off('exit', stop));
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('exit', (code) => resolve({ out: out + err, code: code ?? 1 }));
  });
}

async function portico(
  ctx: BenchContext,
  mode: string,
  spec: string,
  ruleset: string,
): Promise<ChildReport> {
  const { out, code } = await run(
    process.execPath,
    ['--import', 'tsx', 'bench/lint.ts', '--child', mode, spec, ruleset],
    ctx.root,
  );
  const line = out.split('\n').find((l) => l.startsWith('{"ms"'));
  if (code !== 0 || !line)
    throw new Error(`Portico lint child failed (${code}): ${out.slice(-2000)}`);
  return JSON.parse(line) as ChildReport;
}

/** The Spectral CLI under `/usr/bin/time -v` (for its peak RSS), JSON output to a file. */
async function spectralCli(ctx: BenchContext, spec: string, ruleset: string): Promise<ChildReport> {
  const cli = join(ctx.root, 'node_modules/@stoplight/spectral-cli/dist/index.js');
  const output = join(ctx.tmpRoot, 'spectral-out.json');
  const started = performance.now();
  const { out } = await run(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      cli,
      'lint',
      spec,
      '--ruleset',
      ruleset,
      '--format',
      'json',
      '--output',
      output,
      '--quiet',
      '--fail-severity',
      'error',
    ],
    ctx.root,
  );
  const ms = performance.now() - started;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(out);
  if (!existsSync(output) || !rss) throw new Error(`Spectral CLI failed: ${out.slice(-2000)}`);
  const results = JSON.parse(readFileSync(output, 'utf8')) as {
    code: string;
    path: (string | number)[];
    range: { start: { line: number } };
  }[];
  return {
    ms,
    maxRssMiB: Number(rss[1]) / 1024,
    findings: results.map((r) => finding(String(r.code), r.path, r.range.start.line + 1)),
  };
}

function diff(
  a: readonly Finding[],
  b: readonly Finding[],
): { onlyA: Finding[]; onlyB: Finding[] } {
  const setA = new Set(a);
  const setB = new Set(b);
  return {
    onlyA: [...setA].filter((f) => !setB.has(f)),
    onlyB: [...setB].filter((f) => !setA.has(f)),
  };
}

export const question: Question = {
  id: 'lint',
  title: 'Studio: lint of api.github.com.json vs the Spectral CLI',
  async run(ctx: BenchContext): Promise<QuestionResult> {
    const spec = await githubSpecFile();
    const ruleset = join(ctx.tmpRoot, 'bench.spectral.yaml');
    writeFileSync(ruleset, benchRuleset);
    ctx.versions['@stoplight/spectral-cli'] = (
      JSON.parse(
        readFileSync(join(ctx.root, 'node_modules/@stoplight/spectral-cli/package.json'), 'utf8'),
      ) as { version: string }
    ).version;
    const p: ChildReport[] = [];
    const s: ChildReport[] = [];
    for (let i = 0; i < ctx.warmups + ctx.runs; i++) {
      ctx.log(`   run ${i + 1}/${ctx.warmups + ctx.runs}`);
      const a = await portico(ctx, 'full', spec, ruleset);
      const b = await spectralCli(ctx, spec, ruleset);
      ctx.log(
        `   Portico ${(a.ms / 1000).toFixed(1)} s ${a.maxRssMiB.toFixed(0)} MiB ${a.findings.length} findings; Spectral CLI ${(b.ms / 1000).toFixed(1)} s ${b.maxRssMiB.toFixed(0)} MiB ${b.findings.length} findings`,
      );
      if (i >= ctx.warmups) {
        p.push(a);
        s.push(b);
      }
    }
    ctx.log('   re-lint after one-line edits (one warm-up of the chunk cache)');
    const relint = await portico(ctx, 'relint', spec, ruleset);
    for (const e of relint.relint ?? []) {
      ctx.log(
        `   re-lint ${(e.ms / 1000).toFixed(1)} s, ${e.relinted}/${e.chunks} chunks, equal: ${e.equal}`,
      );
    }
    const pTime = stat(
      's',
      p.map((r) => r.ms / 1000),
    );
    const sTime = stat(
      's',
      s.map((r) => r.ms / 1000),
    );
    const pMem = stat(
      'MiB',
      p.map((r) => r.maxRssMiB),
    );
    const sMem = stat(
      'MiB',
      s.map((r) => r.maxRssMiB),
    );
    const { onlyA, onlyB } = diff(p[0]?.findings ?? [], s[0]?.findings ?? []);
    const edits = relint.relint ?? [];
    const rows: Row[] = [
      {
        label: 'Portico full lint',
        figures: { time: pTime, peakRss: pMem, findings: stat('', [p[0]?.findings.length ?? 0]) },
      },
      {
        label: 'Spectral CLI',
        figures: { time: sTime, peakRss: sMem, findings: stat('', [s[0]?.findings.length ?? 0]) },
      },
      {
        label: 'Portico / Spectral CLI',
        figures: { time: ratio(pTime, sTime), peakRss: ratio(pMem, sMem) },
      },
      {
        label: 'Portico re-lint after a one-line edit (warm cache)',
        figures: {
          time: stat(
            's',
            edits.map((e) => e.ms / 1000),
          ),
          relintedChunks: stat(
            '',
            edits.map((e) => e.relinted),
          ),
        },
        notes: edits.map(
          (e) => `${e.mode}, ${e.relinted}/${e.chunks} chunks, equal to a full lint: ${e.equal}`,
        ),
      },
      {
        label: 'Portico chunk-cache warm-up (idle time, once)',
        figures: { time: stat('s', [(relint.warmupMs ?? 0) / 1000]) },
      },
    ];
    return {
      id: 'lint',
      title: this.title,
      status: 'measured',
      method:
        'spectral:oas recommended without oas3-valid-media-example and oas3-valid-schema-example, for both; each lint a child process (peak RSS from /usr/bin/time -v for the CLI, process.resourceUsage for Portico); findings compared by rule, path and line.',
      rows,
      targets: [
        {
          target: 'same findings as the Spectral CLI',
          measured: `${onlyA.length} only in Portico, ${onlyB.length} only in the CLI`,
          met: onlyA.length === 0 && onlyB.length === 0,
        },
        {
          target: 're-lint after a one-line edit equals a full lint',
          measured: edits.map((e) => String(e.equal)).join(', '),
          met: edits.length > 0 && edits.every((e) => e.equal),
        },
      ],
      notes: [
        ...onlyA.slice(0, 5).map((f) => `only Portico: ${f}`),
        ...onlyB.slice(0, 5).map((f) => `only CLI: ${f}`),
      ],
    };
  },
};

if (process.argv[2] === '--child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , , mode = 'full', spec = '', ruleset = ''] = process.argv;
  await child(mode, spec, ruleset);
}
