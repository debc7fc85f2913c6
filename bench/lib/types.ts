/**
 * The shapes every question returns and `bench/results.json` holds.
 */
import type { Stat } from './stats.js';

/** How one question's run is configured (shorter with `--quick` while developing). */
export interface BenchContext {
  /** Measured runs per figure (the median of these is reported). */
  runs: number;
  /** Unreported runs before measuring, to warm JITs, pools and caches. */
  warmups: number;
  /** Length of one load run in seconds. */
  durationSec: number;
  /** Fixed client connection count for throughput runs. */
  connections: number;
  /** A scratch directory removed when the run ends. */
  tmpRoot: string;
  /** Absolute path of the repository. */
  root: string;
  log(message: string): void;
  /** Tool versions discovered while running (nginx, redis, chromium); merged into results.json. */
  versions: Record<string, string>;
}

/** One line of a question's table: a subject and its figures. */
export interface Row {
  label: string;
  figures: Record<string, Stat>;
  notes?: string[];
}

/** A target from the issue, reported against (not pass/fail). */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

export interface QuestionResult {
  id: string;
  title: string;
  status: 'measured' | 'not-measured' | 'failed';
  /** Why a question was not measured or failed. */
  reason?: string;
  /** How it was measured, in a sentence or two. */
  method?: string;
  rows: Row[];
  targets: TargetCheck[];
  notes: string[];
  /** When this question was measured (ISO); set by the runner, kept when a later `--only` run leaves it alone. */
  measuredAt?: string;
  /** Whether that run was `--quick`. */
  quick?: boolean;
}

/** What each `bench/<question>.ts` exports as `question`. */
export interface Question {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<QuestionResult>;
}

/**
 * A result with no rows, targets or notes yet: what a question starts from and fills
 * in, and what the runner reports for a question it could not measure.
 */
export function emptyResult(
  question: Pick<Question, 'id' | 'title'>,
  fields: Pick<QuestionResult, 'status' | 'method' | 'reason'>,
): QuestionResult {
  return { id: question.id, title: question.title, ...fields, rows: [], targets: [], notes: [] };
}
