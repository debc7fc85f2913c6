/**
 * The printed table and `bench/results.json`: machine, versions, date and, per
 * question, each row's figures as median (min-max) of its measured runs.
 */
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round, type Stat } from './stats.js';
import type { QuestionResult } from './types.js';

export interface Machine {
  cpus: number;
  model: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  /** 1-minute load average before and after the run: how busy the machine was with other work. */
  loadBefore: number[];
  loadAfter?: number[];
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    os: `${type()} ${release()}`,
    loadBefore: loadavg().map((l) => round(l, 2)),
  };
}

function packageVersion(root: string, path: string): string {
  try {
    return (
      (JSON.parse(readFileSync(join(root, path), 'utf8')) as { version?: string }).version ??
      'unknown'
    );
  } catch {
    return 'not installed';
  }
}

export function baseVersions(root: string): Record<string, string> {
  return {
    node: process.version,
    portico: packageVersion(root, 'package.json'),
    'portico-gateway': packageVersion(root, 'gateway-runtime/package.json'),
    autocannon: packageVersion(root, 'node_modules/autocannon/package.json'),
    undici: packageVersion(root, 'node_modules/undici/package.json'),
  };
}

function show(s: Stat): string {
  const digits =
    s.unit === 'x'
      ? 2
      : s.unit === 'rps' || s.unit === 'requests' || Math.abs(s.median) >= 100
        ? 0
        : 2;
  const v = (n: number) => (Number.isFinite(n) ? String(round(n, digits)) : 'n/a');
  const unit = s.unit === 'x' ? 'x' : ` ${s.unit}`;
  return s.min === s.max || s.runs.length === 1
    ? `${v(s.median)}${unit}`
    : `${v(s.median)}${unit} (${v(s.min)}-${v(s.max)})`;
}

/** Markdown tables, one per question: rows are subjects, columns are figures. */
export function formatTables(results: readonly QuestionResult[]): string {
  const out: string[] = [];
  for (const q of results) {
    out.push(`### ${q.title}`, '');
    if (q.status !== 'measured') {
      out.push(`${q.status === 'failed' ? 'FAILED' : 'not measured yet'}: ${q.reason ?? ''}`, '');
      continue;
    }
    const columns = [...new Set(q.rows.flatMap((r) => Object.keys(r.figures)))];
    out.push(`| | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---').join('|')}|`);
    for (const row of q.rows) {
      out.push(
        `| ${row.label} | ${columns.map((c) => (row.figures[c] ? show(row.figures[c]) : '')).join(' | ')} |`,
      );
    }
    out.push('');
    for (const t of q.targets)
      out.push(
        `- target: ${t.target}: ${t.measured} (${t.met === null ? 'n/a' : t.met ? 'met' : 'missed'})`,
      );
    for (const n of q.notes) out.push(`- ${n}`);
    if (q.method) out.push(`- method: ${q.method}`);
    out.push('');
  }
  return out.join('\n');
}
