import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TOKEN_LENGTH,
  isCanonicalBase64url,
  parseCompactJws,
  parseJsonObject,
} from './token-shape.js';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'RS256', kid: 'k1' });
const payload = b64({ iss: 'x' });
const signature = b64('signature-bytes');

describe('parseCompactJws', () => {
  it('accepts three canonical base64url segments with a JSON header naming alg', () => {
    const parsed = parseCompactJws(`${header}.${payload}.${signature}`);
    expect(parsed).toMatchObject({ ok: true, alg: 'RS256', kid: 'k1' });
    if (parsed.ok) expect(parseJsonObject(parsed.payload)).toEqual({ iss: 'x' });
  });

  it('accepts an empty payload segment (a JWS may sign nothing)', () => {
    expect(parseCompactJws(`${header}..${signature}`).ok).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one segment', header],
    ['two segments', `${header}.${payload}`],
    ['four segments', `${header}.${payload}.${signature}.`],
    ['five segments (JWE)', `${header}.${payload}.${signature}.${payload}.${signature}`],
    ['empty header', `.${payload}.${signature}`],
    ['empty signature', `${header}.${payload}.`],
    ['padding', `${header}.${payload}=.${signature}`],
    ['space inside', `${header}.${payload.slice(0, 2)} ${payload.slice(2)}.${signature}`],
    ['newline inside', `${header}\n.${payload}.${signature}`],
    [
      'standard base64 alphabet',
      `${header}.${payload}.${Buffer.from([0xfb, 0xff]).toString('base64')}`,
    ],
    ['impossible length', `${header}.${payload}.${signature}A`],
    ['non-canonical trailing bits', `${header}.${payload}.${'QR'}`],
    ['header not JSON', `${b64('not json')}.${payload}.${signature}`],
    ['header a JSON array', `${b64([1])}.${payload}.${signature}`],
    ['header without alg', `${b64({ kid: 'k' })}.${payload}.${signature}`],
    ['header alg not a string', `${b64({ alg: 1 })}.${payload}.${signature}`],
    ['header kid not a string', `${b64({ alg: 'RS256', kid: 5 })}.${payload}.${signature}`],
    [
      'unencoded payload',
      `${b64({ alg: 'RS256', b64: false, crit: ['b64'] })}.${payload}.${signature}`,
    ],
    [
      'header not UTF-8',
      `${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.${payload}.${signature}`,
    ],
  ])('refuses %s', (_name, token) => {
    const parsed = parseCompactJws(token);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.description.length).toBeGreaterThan(0);
  });

  it('refuses tokens over the length limit', () => {
    const long = `${header}.${'A'.repeat(MAX_TOKEN_LENGTH)}.${signature}`;
    expect(parseCompactJws(long).ok).toBe(false);
  });
});

describe('isCanonicalBase64url', () => {
  it('accepts what an encoder produces and nothing it could not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64url');
        expect(isCanonicalBase64url(encoded)).toBe(true);
        expect(isCanonicalBase64url(`${encoded}=`)).toBe(false);
        expect(isCanonicalBase64url(`${encoded} `)).toBe(false);
      }),
    );
  });

  it('refuses strings with stray low bits that a lenient decoder would drop', () => {
    // "QQ" is the canonical form of 0x41; "QR" decodes to the same byte.
    expect(isCanonicalBase64url('QQ')).toBe(true);
    expect(isCanonicalBase64url('QR')).toBe(false);
  });
});
