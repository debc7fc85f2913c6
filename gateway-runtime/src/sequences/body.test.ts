import { describe, expect, it } from 'vitest';
import { messageOf, parseBody, serializeBody, setBody } from './body.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('message bodies', () => {
  it('parses JSON, maps XML (attributes as @name) and keeps other bodies as text', () => {
    expect(parseBody(bytes('{"a":[1]}'), { 'content-type': 'application/problem+json' })).toEqual({
      a: [1],
    });
    expect(
      parseBody(bytes('<pet id="7"><name>Rex</name><code>007</code></pet>'), {
        'content-type': 'text/xml; charset=utf-8',
      }),
    ).toEqual({ pet: { '@id': '7', name: 'Rex', code: '007' } });
    expect(parseBody(bytes('{broken'), { 'content-type': 'application/json' })).toBe('{broken');
    expect(parseBody(bytes('<open>'), { 'content-type': 'application/xml' })).toBe('<open>');
    expect(parseBody(bytes('hi'), {})).toBe('hi');
    expect(parseBody(Buffer.alloc(0), { 'content-type': 'application/json' })).toBeNull();
  });

  it('sends untouched bodies as they came, text as text and values as JSON', () => {
    const xml = messageOf(null, { 'content-type': 'application/xml' }, bytes('<a>1</a>'));
    expect(serializeBody(xml)).toEqual({ bytes: bytes('<a>1</a>'), contentType: null });
    setBody(xml, { a: 1 });
    expect(serializeBody(xml)).toEqual({
      bytes: bytes('{"a":1}'),
      contentType: 'application/json; charset=utf-8',
    });
    const json = messageOf(null, { 'content-type': 'application/json' }, bytes('{}'));
    setBody(json, 'plain words');
    expect(serializeBody(json).contentType).toBe('text/plain; charset=utf-8');
    setBody(json, null);
    expect(serializeBody(json).bytes.length).toBe(0);
  });
});
