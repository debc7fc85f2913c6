/**
 * The shape a token must have before any key is looked up or any signature checked:
 * exactly three segments of canonical base64url (no padding, no whitespace, no stray
 * bits), a header that is a JSON object naming an algorithm. jose alone accepts
 * whitespace and `=` padding inside segments; the gateway does not. Cheap and
 * network-free, so garbage is refused before it can make a key manager fetch anything.
 */

/** Longer than any real access token; Node's default header limit is 16 KiB anyway. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A compact JWS that has the right shape; nothing about it is verified yet. */
export interface CompactJws {
  ok: true;
  header: Record<string, unknown>;
  alg: string;
  kid: string | undefined;
  /** The decoded payload bytes (unverified). */
  payload: Buffer;
}

export interface ShapeFailure {
  ok: false;
  description: string;
}

/** True for a base64url segment a strict encoder would produce: decoding and re-encoding gives it back. */
export function isCanonicalBase64url(segment: string): boolean {
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) return false;
  return Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON object from UTF-8 bytes, or null. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** Checks the compact serialization of a JWS (RFC 7515 section 7.1) without verifying it. */
export function parseCompactJws(token: string): CompactJws | ShapeFailure {
  if (token.length === 0) return { ok: false, description: 'The token is empty' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, description: 'The token is too long' };
  const segments = token.split('.');
  if (segments.length !== 3) {
    return {
      ok: false,
      description: 'The token is not a JWS in compact form (three dot-separated segments)',
    };
  }
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];
  if (headerSegment.length === 0 || signatureSegment.length === 0) {
    return { ok: false, description: 'The token has an empty header or signature' };
  }
  if (
    !isCanonicalBase64url(headerSegment) ||
    !isCanonicalBase64url(payloadSegment) ||
    !isCanonicalBase64url(signatureSegment)
  ) {
    return { ok: false, description: 'The token is not made of base64url segments' };
  }
  const header = parseJsonObject(Buffer.from(headerSegment, 'base64url'));
  if (!header) return { ok: false, description: 'The token header is not a JSON object' };
  const { alg, kid } = header;
  if (typeof alg !== 'string' || alg.length === 0)
    return { ok: false, description: 'The token header names no algorithm' };
  if (kid !== undefined && typeof kid !== 'string')
    return { ok: false, description: 'The token header has a malformed kid' };
  // RFC 7797 unencoded payloads have no place in an access token.
  if ('b64' in header)
    return { ok: false, description: 'The token uses an unencoded payload (b64)' };
  return { ok: true, header, alg, kid, payload: Buffer.from(payloadSegment, 'base64url') };
}
