import { describe, expect, it } from 'vitest';
import { canonicalJson, contentId } from './canonical.js';
import { diffLines, diffSettings } from './diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks what was removed and added', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { op: 'same', text: 'a' },
      { op: 'add', text: 'x' },
      { op: 'remove', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'same', text: 'd' },
      { op: 'add', text: 'e' },
    ]);
  });

  it('rebuilds both sides from the diff', () => {
    const a = ['openapi: 3.0.3', 'paths:', '  /a:', '  /b:', '  /c:'];
    const b = ['openapi: 3.1.0', 'paths:', '  /b:', '  /c:', '  /d:'];
    const diff = diffLines(a, b);
    expect(diff.filter((l) => l.op !== 'add').map((l) => l.text)).toEqual(a);
    expect(diff.filter((l) => l.op !== 'remove').map((l) => l.text)).toEqual(b);
  });
});

describe('diffSettings', () => {
  it('names each changed, added and removed path', () => {
    expect(
      diffSettings(
        { api: { context: '/a', ops: [{ m: 'GET' }], gone: 1 } },
        { api: { context: '/b', ops: [{ m: 'GET' }, { m: 'POST' }] } },
      ),
    ).toEqual([
      { path: 'api.context', before: '/a', after: '/b' },
      { path: 'api.gone', before: 1 },
      { path: 'api.ops[1].m', after: 'POST' },
    ]);
  });
});

describe('canonical JSON', () => {
  it('does not depend on key order, so equal content has one id', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(contentId('r-', { a: 1, b: 2 })).toBe(contentId('r-', { b: 2, a: 1 }));
    expect(contentId('r-', { a: 1 })).not.toBe(contentId('r-', { a: 2 }));
  });
});
