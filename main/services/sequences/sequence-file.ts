/**
 * `sequences/<name>.yaml`: how a sequence file is read, validated and written.
 * Validation is the gateway's own schema (from its public index), so a file the
 * studio accepts is one the gateway deploys. Writing puts every key in a fixed
 * order per step type (known keys first, the rest sorted), so rewriting an
 * unchanged document yields the same bytes and git sees no churn.
 */
import { parseDocument, stringify } from 'yaml';
import { sequenceSchema, type Sequence } from '../../../gateway-runtime/src/index.js';
import type { SequenceIssue } from '../../ipc/contract.js';
import { issuePath } from '../zod-issues.js';

/** Where sequence files live, relative to the workspace root. */
export const SEQUENCES_DIR = 'sequences';

/** A validated document, or every issue with its field path. */
export type SequenceValidation =
  { ok: true; sequence: Sequence } | { ok: false; issues: SequenceIssue[] };

/** What a file's text reads as: a document (maybe invalid) or a YAML syntax error. */
export type ParsedText = { ok: true; document: unknown } | { ok: false; issue: SequenceIssue };

/** Reads YAML text; a syntax error says line and column. */
export function parseSequenceText(content: string): ParsedText {
  const doc = parseDocument(content, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const head = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return {
      ok: false,
      issue: { path: '(yaml)', message: at ? `line ${at.line}, column ${at.col}: ${head}` : head },
    };
  }
  try {
    return { ok: true, document: doc.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (cause) {
    return {
      ok: false,
      issue: { path: '(yaml)', message: cause instanceof Error ? cause.message : String(cause) },
    };
  }
}

/** Validates with the gateway's schema; issue paths look like `steps[1].endpoint.url`. */
export function validateSequence(document: unknown): SequenceValidation {
  const parsed = sequenceSchema.safeParse(document);
  if (parsed.success) return { ok: true, sequence: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issuePath(issue.path),
      message: issue.message,
    })),
  };
}

/** `steps[1].url: Invalid URL; name: must be ...`: one line for an error message. */
export function describeIssues(issues: readonly SequenceIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

const stepKeys: Record<string, readonly string[]> = {
  log: ['message', 'level'],
  setHeader: ['name', 'value'],
  removeHeader: ['name'],
  setVariable: ['name', 'value'],
  transform: ['expression'],
  call: ['endpoint', 'variable', 'onError'],
  parallel: ['branches'],
  switch: ['cases', 'default'],
  forEach: ['items', 'variable', 'steps'],
  send: [],
  respond: ['status', 'headers', 'body'],
  fault: ['status', 'code', 'message'],
};
const endpointKeys = ['type', 'url', 'method', 'headers', 'body', 'timeoutMs'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Known keys first in this order, then the rest sorted; `undefined` values dropped. */
function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value)
    .filter((k) => !keys.includes(k))
    .sort()) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

function orderSteps(steps: unknown): unknown {
  return Array.isArray(steps) ? steps.map(orderStep) : steps;
}

function orderStep(step: unknown): unknown {
  if (!isRecord(step)) return step;
  const type = typeof step.type === 'string' ? step.type : '';
  const out = ordered(step, ['id', 'type', ...(stepKeys[type] ?? [])]);
  if (isRecord(out.endpoint)) out.endpoint = ordered(out.endpoint, endpointKeys);
  if (Array.isArray(out.branches)) {
    out.branches = out.branches.map((branch) =>
      isRecord(branch)
        ? { ...ordered(branch, ['steps']), steps: orderSteps(branch.steps) }
        : branch,
    );
  }
  if (Array.isArray(out.cases)) {
    out.cases = out.cases.map((c) =>
      isRecord(c) ? { ...ordered(c, ['condition', 'steps']), steps: orderSteps(c.steps) } : c,
    );
  }
  if (out.default !== undefined) out.default = orderSteps(out.default);
  if (out.steps !== undefined) out.steps = orderSteps(out.steps);
  return out;
}

/** The one way a sequence document is written (also for drafts that do not validate yet). */
export function serializeSequence(document: unknown): string {
  if (!isRecord(document)) return stringify(document ?? {}, { lineWidth: 0, indent: 2 });
  const top = ordered(document, ['name', 'description', 'steps']);
  if (top.steps !== undefined) top.steps = orderSteps(top.steps);
  return stringify(top, { lineWidth: 0, indent: 2 });
}
