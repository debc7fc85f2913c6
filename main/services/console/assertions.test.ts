import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAll, jsonEqual, resolvePointer } from './assertions.js';

const response = {
  status: 200,
  headers: [
    { name: 'content-type', value: 'application/json; charset=utf-8' },
    { name: 'x-request-id', value: 'abc' },
  ],
  body: JSON.stringify({ pets: [{ id: 1, name: 'Rex', 'a/b': true }], total: 1 }),
  truncated: false,
  timings: { totalMs: 42 },
};

describe('resolvePointer', () => {
  it('follows RFC 6901 pointers', () => {
    const doc = JSON.parse(response.body) as unknown;
    expect(resolvePointer(doc, '')).toEqual({ found: true, value: doc });
    expect(resolvePointer(doc, '/pets/0/name')).toEqual({ found: true, value: 'Rex' });
    expect(resolvePointer(doc, '/pets/0/a~1b')).toEqual({ found: true, value: true });
    expect(resolvePointer(doc, '/pets/1')).toEqual({ found: false });
    expect(resolvePointer(doc, '/pets/01')).toEqual({ found: false });
    expect(resolvePointer(doc, '/missing')).toEqual({ found: false });
  });
});

describe('evaluate', () => {
  it('checks status, headers, body paths and time', () => {
    const results = evaluateAll(
      [
        { type: 'status', equals: 200 },
        { type: 'status', equals: 201 },
        { type: 'header', name: 'Content-Type', matches: '^application/json' },
        { type: 'header', name: 'x-request-id', equals: 'abd' },
        { type: 'header', name: 'x-missing', equals: 'x' },
        { type: 'body', path: '/pets/0', equals: { name: 'Rex', id: 1, 'a/b': true } },
        { type: 'body', path: '/total', equals: 2 },
        { type: 'body', path: '/pets/0/name', matches: '^R' },
        { type: 'body', path: '/pets/3', exists: false },
        { type: 'body', path: '/pets/3', exists: true },
        { type: 'time', underMs: 100 },
        { type: 'time', underMs: 10 },
      ],
      response,
    );
    expect(results.map((r) => r.passed)).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(results[1]?.actual).toBe('200');
    expect(results[4]?.actual).toBe('absent');
    expect(results[6]?.actual).toBe('1');
  });

  it('explains a body that is not JSON or was truncated, and a bad pattern', () => {
    const text = { ...response, body: '<html>' };
    expect(evaluate({ type: 'body', path: '/a', exists: true }, text)).toMatchObject({
      passed: false,
      actual: 'the body is not JSON',
    });
    expect(
      evaluate({ type: 'body', path: '', exists: true }, { ...text, truncated: true }).actual,
    ).toBe('the body was truncated');
    expect(
      evaluate({ type: 'header', name: 'x-request-id', matches: '(' }, response),
    ).toMatchObject({ passed: false });
  });
});

describe('jsonEqual', () => {
  it('ignores key order, not array order or types', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
  });
});
