import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../../../main/ipc/contract';
import { assertionOf, draftOf } from './assertion-drafts';

describe('assertion drafts', () => {
  it('round-trips every assertion kind', () => {
    const all: Assertion[] = [
      { type: 'status', equals: 201 },
      { type: 'time', underMs: 500 },
      { type: 'header', name: 'content-type', matches: 'json' },
      { type: 'header', name: 'x-a', equals: 'b' },
      { type: 'body', path: '/0/id', equals: 7 },
      { type: 'body', path: '/name', equals: 'Rex' },
      { type: 'body', path: '/tags', equals: ['a'] },
      { type: 'body', path: '/x', exists: false },
      { type: 'body', path: '', matches: '^\\{' },
    ];
    expect(all.map((a, i) => assertionOf(draftOf(a), i))).toEqual(all);
  });

  it('names the row and what is wrong', () => {
    expect(assertionOf({ type: 'status', target: '', mode: 'equals', value: '20' }, 1)).toBe(
      'row 2: a status is a number from 100 to 599',
    );
    expect(assertionOf({ type: 'body', target: 'name', mode: 'exists', value: '' }, 0)).toMatch(
      /^row 1: a body path is a JSON pointer/,
    );
    expect(assertionOf({ type: 'header', target: ' ', mode: 'equals', value: '' }, 0)).toBe(
      'row 1: name the header',
    );
    expect(assertionOf({ type: 'body', target: '/a', mode: 'equals', value: 'plain' }, 0)).toEqual({
      type: 'body',
      path: '/a',
      equals: 'plain',
    });
  });
});
