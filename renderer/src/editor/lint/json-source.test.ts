import Parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from './json-source.js';

/** Every path in `value`, plus a missing child under each container (closest-node lookups). */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...at, i], out));
    out.push([...at, value.length], [...at, 'x']);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
    out.push([...at, 'missing', 'deeper']);
  }
  return out;
}

function expectSameAsSpectral(text: string): void {
  const fast = parseJsonFast(text);
  expect(fast).not.toBeNull();
  const spectral = Parsers.Json.parse(text);
  expect(fast?.data).toEqual(JSON.parse(JSON.stringify(spectral.data)));
  for (const path of paths(spectral.data)) {
    const expected = Parsers.Json.getLocationForJsonPath(spectral, path, true)?.range;
    expect([path, fast?.rangeOf(path)]).toEqual([path, expected]);
  }
}

describe('parseJsonFast', () => {
  it('gives the data and ranges of Spectral parser', () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 'T "quoted" \\ back', version: '1', 'a/b~c': [1, -2.5e3, true, null] },
      paths: {
        '/a/{id}': { get: { responses: { '200': { description: 'ok' }, '404': {} } } },
        '': { '0': 'empty key', ' 1': 'spaced', '1e1': 'exponent' },
      },
      'esc\\u00e9"': { nested: [[], {}, [{ deep: 'x' }]] },
    };
    expectSameAsSpectral(JSON.stringify(doc, null, 2));
    expectSameAsSpectral(JSON.stringify(doc));
    expectSameAsSpectral(JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n'));
    expectSameAsSpectral('  \n {"a" :  [ 1 ,2 ] , "b":{ } }\n');
  });

  it('declines where Spectral parser would read the text differently', () => {
    expect(parseJsonFast('{"a": 1, "a": 2}')).toBeNull(); // duplicate key: a parser finding
    expect(parseJsonFast('{"b": 1, "2": 2}')).toBeNull(); // JSON.parse would reorder
    expect(parseJsonFast('{"3": 1, "2": 2}')).toBeNull();
    expect(parseJsonFast('{"a": 1,}')).toBeNull(); // invalid
    expect(parseJsonFast('{"a":\r1}')).toBeNull(); // lone CR: a line break to jsonc-parser
    expect(parseJsonFast('{"a": "\u2028"}')).toBeNull();
    expect(parseJsonFast('[1, 2]')).not.toBeNull();
    expect(parseJsonFast('"text"')).toBeNull();
    expect(parseJsonFast('{"2": 1, "10": 2, "b": 3}')).not.toBeNull();
  });
});
