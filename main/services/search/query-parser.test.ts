import { describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { ftsMatch, parseQuery } from './query-parser.js';

describe('parseQuery', () => {
  it('separates field filters from free words and phrases', () => {
    const q = parseQuery(
      'Pet status type:REST op:post tag:Pets tag:store api:Pet "Exact  phrase" getPetById',
    );
    expect(q).toEqual({
      words: ['pet', 'status', 'getpetbyid'],
      phrases: ['exact phrase'],
      type: 'REST',
      op: 'POST',
      tags: ['pets', 'store'],
      api: 'Pet',
    });
    expect(ftsMatch(q)).toBe('"pet"* "status"* "getpetbyid"* "exact phrase"');
  });

  it('searches unknown fields and punctuation as text, never as FTS syntax', () => {
    const q = parseQuery('x-ms:paths /pets/{petId} NEAR( "unclosed');
    expect(q.words).toEqual(['x', 'ms', 'paths', 'pets', 'petid', 'near']);
    expect(q.phrases).toEqual(['unclosed']);
    expect(ftsMatch(parseQuery('type:graphql'))).toBeNull();
  });

  it('names the valid values of a bad filter', () => {
    expect(() => parseQuery('type:grpc')).toThrow(StudioError);
    expect(() => parseQuery('type:grpc')).toThrow(
      /type:rest, type:graphql, type:async, type:soap, type:ai/,
    );
    expect(() => parseQuery('op:GET/POST')).toThrow(/op:GET, op:POST/);
  });
});
