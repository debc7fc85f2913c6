/**
 * Bodies inside a run: bytes in, a parsed view for expressions (JSON, XML mapped to
 * JSON, otherwise text), and bytes out. An XML body is parsed with fast-xml-parser,
 * which never resolves external entities and bounds entity expansion; attributes
 * appear as `@name` keys with text values, element text as numbers where it reads as one.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { HeaderMap, Message } from './types.js';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep leading zeros and long digit strings (ids, phone numbers) as written.
  numberParseOptions: { leadingZeros: false, hex: false },
});

/** The content type of a header map, lower-cased, without parameters. */
export function mediaType(headers: HeaderMap): string {
  const value = headers['content-type'];
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return (text.split(';')[0] ?? '').trim().toLowerCase();
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
const isXml = (type: string) => type.endsWith('/xml') || type.endsWith('+xml');

/** The view expressions see: JSON parsed, XML mapped to JSON, anything else text; empty is null. */
export function parseBody(raw: Buffer, headers: HeaderMap): unknown {
  if (raw.length === 0) return null;
  const type = mediaType(headers);
  const text = raw.toString('utf8');
  if (isJson(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (isXml(type) && XMLValidator.validate(text) === true) {
    try {
      return xml.parse(text) as unknown;
    } catch {
      // Over the parser's entity-expansion limits: expressions see the text.
      return text;
    }
  }
  return text;
}

/** A message over raw bytes, its view parsed. */
export function messageOf(status: number | null, headers: HeaderMap, raw: Buffer): Message {
  return { status, headers, body: parseBody(raw, headers), raw };
}

/** Replaces the body with a value (the raw bytes no longer describe it). */
export function setBody(message: Message, body: unknown): void {
  message.body = body === undefined ? null : body;
  message.raw = null;
}

/**
 * The bytes to send for a message and the content type they need. Untouched bodies go
 * out as they came; text as UTF-8; anything else as JSON.
 */
export function serializeBody(message: Message): { bytes: Buffer; contentType: string | null } {
  if (message.raw) return { bytes: message.raw, contentType: null };
  const body = message.body;
  if (body === null || body === undefined) return { bytes: Buffer.alloc(0), contentType: null };
  if (typeof body === 'string') {
    const current = mediaType(message.headers);
    return {
      bytes: Buffer.from(body, 'utf8'),
      // Text stays text: a JSON content type would now lie about it.
      contentType: current === '' || isJson(current) ? 'text/plain; charset=utf-8' : null,
    };
  }
  const current = mediaType(message.headers);
  return {
    bytes: Buffer.from(JSON.stringify(body), 'utf8'),
    contentType: isJson(current) ? null : 'application/json; charset=utf-8',
  };
}

/** Size in bytes a value takes once serialized (for the body limit). */
export function byteSize(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** The message's headers ready to go out: content type fixed, length recomputed later. */
export function outgoingHeaders(message: Message, contentType: string | null): HeaderMap {
  const headers: HeaderMap = { ...message.headers };
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  if (contentType) headers['content-type'] = contentType;
  else if (message.raw === null && (message.body === null || message.body === undefined))
    delete headers['content-type'];
  return headers;
}
