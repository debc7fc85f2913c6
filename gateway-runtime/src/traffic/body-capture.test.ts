import { describe, expect, it } from 'vitest';
import { BodyCapture, isTextual } from './body-capture.js';

describe('BodyCapture', () => {
  it('keeps text bodies whole under the cap', () => {
    const capture = new BodyCapture(64);
    capture.add(Buffer.from('{"a":'));
    capture.add('1}');
    expect(capture.result('application/json')).toEqual({
      size: 7,
      text: '{"a":1}',
      encoding: 'utf8',
      truncated: false,
    });
  });

  it('caps the kept bytes, counts the real size and flags truncation', () => {
    const capture = new BodyCapture(4);
    capture.add(Buffer.from('abc'));
    capture.add(Buffer.from('defgh'));
    capture.add(Buffer.from('ij'));
    expect(capture.result('text/plain')).toEqual({
      size: 10,
      text: 'abcd',
      encoding: 'utf8',
      truncated: true,
    });
  });

  it('stores binary bodies as base64 and no body as null', () => {
    const capture = new BodyCapture(16);
    capture.add(new Uint8Array([0, 255, 1]));
    expect(capture.result('image/png')).toMatchObject({ text: 'AP8B', encoding: 'base64' });
    expect(new BodyCapture(16).result('text/plain')).toBeNull();
  });

  it('treats json, xml, forms and vendor +json types as text', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'application/problem+json',
      'text/xml',
      'application/x-www-form-urlencoded',
      undefined,
    ])
      expect(isTextual(type)).toBe(true);
    expect(isTextual('application/octet-stream')).toBe(false);
  });
});
