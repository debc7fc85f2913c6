/**
 * Evaluates a test case's assertions against a response. Body paths are JSON
 * pointers (RFC 6901: `/items/0/name`, `~1` for `/`, `~0` for `~`); the empty
 * pointer is the whole body.
 */
import type { Assertion, AssertionResult, ConsoleResponse } from '../../ipc/contract-console.js';

type Found = { found: true; value: unknown } | { found: false };

export function resolvePointer(document: unknown, pointer: string): Found {
  if (pointer === '') return { found: true, value: document };
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Deep equality for JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function regex(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
}

function matches(pattern: string, text: string): { passed: boolean; note?: string } {
  const re = regex(pattern);
  return typeof re === 'string' ? { passed: false, note: re } : { passed: re.test(text) };
}

type Checked = Pick<ConsoleResponse, 'status' | 'headers' | 'body' | 'truncated'> & {
  timings: { totalMs: number };
};

function checkBody(a: Extract<Assertion, { type: 'body' }>, response: Checked): AssertionResult {
  let document: unknown;
  try {
    document = JSON.parse(response.body);
  } catch {
    const why = response.truncated ? 'the body was truncated' : 'the body is not JSON';
    return { assertion: a, passed: false, actual: why };
  }
  const found = resolvePointer(document, a.path);
  if (a.exists !== undefined)
    return {
      assertion: a,
      passed: found.found === a.exists,
      actual: found.found ? `present: ${show(found.value)}` : 'absent',
    };
  if (!found.found) return { assertion: a, passed: false, actual: 'absent' };
  if (a.matches !== undefined) {
    const result = matches(a.matches, show(found.value));
    return { assertion: a, passed: result.passed, actual: result.note ?? show(found.value) };
  }
  return { assertion: a, passed: jsonEqual(found.value, a.equals), actual: show(found.value) };
}

export function evaluate(a: Assertion, response: Checked): AssertionResult {
  switch (a.type) {
    case 'status':
      return {
        assertion: a,
        passed: response.status === a.equals,
        actual: String(response.status),
      };
    case 'time':
      return {
        assertion: a,
        passed: response.timings.totalMs < a.underMs,
        actual: `${Math.round(response.timings.totalMs)} ms`,
      };
    case 'header': {
      const name = a.name.toLowerCase();
      const values = response.headers.filter((h) => h.name.toLowerCase() === name);
      if (values.length === 0) return { assertion: a, passed: false, actual: 'absent' };
      const value = values.map((h) => h.value).join(', ');
      if (a.equals !== undefined)
        return { assertion: a, passed: value === a.equals, actual: value };
      const result = matches(a.matches ?? '', value);
      return { assertion: a, passed: result.passed, actual: result.note ?? value };
    }
    case 'body':
      return checkBody(a, response);
  }
}

export function evaluateAll(
  assertions: readonly Assertion[],
  response: Checked,
): AssertionResult[] {
  return assertions.map((a) => evaluate(a, response));
}
