/**
 * JSONata evaluation and `{{ }}` templates. Expressions see
 * `{ request, variables, message: { status, headers, body }, body }`: the client's
 * request, the run's variables, and the current message (`body` is a shorthand for
 * `message.body`). Every evaluation is bounded by the run's deadline and a stack
 * depth; nothing is `eval`ed.
 */
import jsonata from 'jsonata';
import { runError } from './faults.js';
import type { RunState } from './types.js';

/** Deepest JSONata evaluation stack allowed (guards runaway recursion). */
const MAX_EXPRESSION_DEPTH = 500;
/** Longest sequence (array) one expression may build. */
const MAX_EXPRESSION_SEQUENCE = 1_000_000;
/** Compiled expressions kept; parsing costs far more than evaluating, so each text is parsed once. */
const MAX_CACHED_EXPRESSIONS = 2_000;
/** The per-evaluation binding that carries the run's deadline (epoch ms) to the guard. */
const DEADLINE = '__porticoDeadline';
/** JSONata's hook called before every node it evaluates. */
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');

const compiled = new Map<string, jsonata.Expression>();

/**
 * The compiled expression for a text. The deadline check runs before every node, so a
 * runaway expression stops at the run's time limit even though the expression is shared
 * by concurrent runs (each passes its own deadline as a binding).
 */
function compile(expression: string): jsonata.Expression {
  let found = compiled.get(expression);
  if (found) return found;
  found = jsonata(expression, { stack: MAX_EXPRESSION_DEPTH, sequence: MAX_EXPRESSION_SEQUENCE });
  found.assign(ENTRY_HOOK as unknown as string, (...args: unknown[]) => {
    const environment = args[2] as jsonata.Environment;
    const deadline: unknown = environment.lookup(DEADLINE);
    if (typeof deadline === 'number' && Date.now() > deadline) throw { code: 'D1012' };
  });
  if (compiled.size >= MAX_CACHED_EXPRESSIONS) compiled.clear();
  compiled.set(expression, found);
  return found;
}

/** What expressions evaluate over. */
export function expressionInput(state: RunState): Record<string, unknown> {
  const { message } = state;
  return {
    request: state.request,
    variables: state.scope.variables,
    message: { status: message.status, headers: message.headers, body: message.body },
    body: message.body,
  };
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

/** Checks an expression's syntax; null when it parses, else what is wrong. */
export function syntaxError(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    return describe(error as JsonataFailure);
  }
}

function describe(error: JsonataFailure): string {
  const at = typeof error.position === 'number' ? ` at character ${error.position}` : '';
  return `JSONata ${error.code ?? 'error'}${at}: ${error.message ?? String(error)}`;
}

/** JSONata results to plain JSON: sequences become arrays, functions disappear. */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/**
 * Evaluates `expression` for the step at `path`; `field` names the step field in
 * errors. Syntax and evaluation errors are SEQUENCE_ERROR, a runaway expression
 * SEQUENCE_TIMEOUT or SEQUENCE_LIMIT.
 */
export async function evaluate(
  expression: string,
  state: RunState,
  path: string,
  field: string,
): Promise<unknown> {
  let expr: jsonata.Expression;
  try {
    expr = compile(expression);
  } catch (error) {
    throw runError('SEQUENCE_ERROR', `step ${path} ${field}: ${describe(error as JsonataFailure)}`);
  }
  const deadline = Date.now() + (state.shared.deadline - performance.now());
  try {
    return toPlain(await expr.evaluate(expressionInput(state), { [DEADLINE]: deadline }));
  } catch (error) {
    const failure = error as JsonataFailure;
    if (failure.code === 'D1012')
      throw runError(
        'SEQUENCE_TIMEOUT',
        `step ${path} ${field}: the expression ran past the sequence's time limit`,
      );
    if (failure.code === 'D1011' || failure.code === 'D2015')
      throw runError('SEQUENCE_LIMIT', `step ${path} ${field}: ${describe(failure)}`);
    throw runError('SEQUENCE_ERROR', `step ${path} ${field}: ${describe(failure)}`);
  }
}

/** A template split into literal text and `{{ expression }}` placeholders. */
type Part = { text: string } | { expression: string };

/** Splits a template; braces and quotes inside a placeholder are respected. */
export function parseTemplate(template: string): Part[] | string {
  const parts: Part[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{{', index);
    if (open === -1) {
      parts.push({ text: template.slice(index) });
      break;
    }
    if (open > index) parts.push({ text: template.slice(index, open) });
    const close = placeholderEnd(template, open + 2);
    if (close === -1) return `"{{" at character ${open} has no closing "}}"`;
    parts.push({ expression: template.slice(open + 2, close).trim() });
    index = close + 2;
  }
  return parts;
}

function placeholderEnd(template: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < template.length; i++) {
    const c = template[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0 && template[i + 1] === '}') return i;
      depth--;
    }
  }
  return -1;
}

/** Text of a value placed inside a template: strings as they are, the rest as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Renders a template: literal text with `{{ expression }}` placeholders. A template
 * that is exactly one placeholder yields the expression's value itself (an object
 * stays an object); otherwise the result is text.
 */
export async function render(
  template: string,
  state: RunState,
  path: string,
  field: string,
): Promise<unknown> {
  if (!template.includes('{{')) return template;
  const parts = parseTemplate(template);
  if (typeof parts === 'string')
    throw runError('SEQUENCE_ERROR', `step ${path} ${field}: ${parts}`);
  const [only] = parts;
  if (parts.length === 1 && only && 'expression' in only)
    return evaluate(only.expression, state, path, field);
  let out = '';
  for (const part of parts) {
    out += 'text' in part ? part.text : asText(await evaluate(part.expression, state, path, field));
  }
  return out;
}

/** Renders every string inside a JSON value (objects and arrays walked); other values stay. */
export async function renderDeep(
  value: unknown,
  state: RunState,
  path: string,
  field: string,
): Promise<unknown> {
  if (typeof value === 'string') return render(value, state, path, field);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, item] of value.entries())
      out.push(await renderDeep(item, state, path, `${field}[${i}]`));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = await renderDeep(item, state, path, `${field}.${key}`);
    return out;
  }
  return value;
}
