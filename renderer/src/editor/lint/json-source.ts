/**
 * JSON text read the fast way for large definitions: `JSON.parse` for the data
 * (native, ~20x faster than Spectral's jsonc-based parser, which also wraps
 * every object in a key-order proxy) and ranges found lazily from the text, only
 * for the paths asked for (findings, outline entries).
 *
 * It must give what Spectral's JSON parser gives, so it declines (returns null,
 * and the caller uses Spectral's parser) whenever the two could differ: invalid
 * JSON, duplicate keys (Spectral reports them), objects whose integer-like keys
 * `JSON.parse` would reorder, and line breaks jsonc-parser counts but `\n`
 * splitting does not (lone `\r`, U+2028, U+2029).
 */

/** A zero-based range, as Spectral reports it. */
export interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A JSON text parsed by `parseJsonFast`. */
export interface JsonSource {
  data: unknown;
  /** Spectral's `getLocationForJsonPath(…, closest = true)`: the deepest existing node's range. */
  rangeOf(path: readonly (string | number)[]): JsonRange;
}

type Json = Record<string, unknown>;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const indexKey = /^(?:0|[1-9]\d{0,9})$/;

/** Offset just past the string starting at `pos` (a quote). */
function skipString(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    // Count the backslashes before the quote: an odd number escapes it.
    let b = q - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function skipSpace(text: string, pos: number): number {
  while (isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Offset just past the value starting at `pos` (no leading space). */
function skipValue(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return skipString(text, pos);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    let i = pos;
    for (;;) {
      const d = text.charCodeAt(i);
      if (Number.isNaN(d) || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d))
        return i;
      i++;
    }
  }
  let depth = 0;
  let i = pos;
  for (;;) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
}

const keyAt = (text: string, start: number, end: number): string => {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
};

/**
 * Walks the text beside the parsed data and returns false if some object's keys
 * differ from the text's: a duplicate, or an order `JSON.parse` does not keep.
 */
function sameKeys(text: string, data: unknown): boolean {
  let pos = 0;
  const value = (node: unknown): boolean => {
    pos = skipSpace(text, pos);
    const c = text.charCodeAt(pos);
    if (c === OPEN_BRACE) {
      const o = node as Json;
      pos++;
      let count = 0;
      let lastIndex = -1;
      let named = false;
      for (;;) {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === CLOSE_BRACE) break;
        const end = skipString(text, pos);
        const key = keyAt(text, pos, end);
        if (indexKey.test(key) && Number(key) < 4294967295) {
          // Integer keys come first and ascending in `JSON.parse`'s objects.
          if (named || Number(key) <= lastIndex) return false;
          lastIndex = Number(key);
        } else named = true;
        count++;
        pos = skipSpace(text, end) + 1; // past the colon
        if (!value(o[key])) return false;
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === COMMA) pos++;
      }
      pos++;
      let keys = 0;
      for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) keys++;
      return keys === count;
    }
    if (c === OPEN_BRACKET) {
      const a = node as unknown[];
      pos++;
      for (let i = 0; ; i++) {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === CLOSE_BRACKET) break;
        if (!value(a[i])) return false;
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === COMMA) pos++;
      }
      pos++;
      return true;
    }
    pos = skipValue(text, pos);
    return true;
  };
  return value(data);
}

interface Children {
  /** Object: key -> [start, end) of its value (first occurrence). Array: by index. */
  keys?: Map<string, [number, number]>;
  items?: [number, number][];
}

/**
 * Parses `text` as JSON if that gives exactly what Spectral's parser gives;
 * null when it might not (the caller falls back to Spectral's parser).
 */
export function parseJsonFast(text: string): JsonSource | null {
  if (/\r(?!\n)|[\u2028\u2029]/.test(text)) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || !sameKeys(text, data)) return null;

  let lineStarts: number[] | null = null;
  const position = (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - (lineStarts[lo] as number) };
  };

  // Children of each container visited so far, by the container's start offset.
  const index = new Map<number, Children>();
  const childrenOf = (start: number): Children => {
    let children = index.get(start);
    if (children) return children;
    let pos = start + 1;
    if (text.charCodeAt(start) === OPEN_BRACE) {
      const keys = new Map<string, [number, number]>();
      for (;;) {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === CLOSE_BRACE) break;
        const end = skipString(text, pos);
        const key = keyAt(text, pos, end);
        pos = skipSpace(text, end);
        if (text.charCodeAt(pos) === COLON) pos = skipSpace(text, pos + 1);
        const valueEnd = skipValue(text, pos);
        if (!keys.has(key)) keys.set(key, [pos, valueEnd]);
        pos = skipSpace(text, valueEnd);
        if (text.charCodeAt(pos) === COMMA) pos++;
      }
      children = { keys };
    } else {
      const items: [number, number][] = [];
      for (;;) {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) === CLOSE_BRACKET) break;
        const valueEnd = skipValue(text, pos);
        items.push([pos, valueEnd]);
        pos = skipSpace(text, valueEnd);
        if (text.charCodeAt(pos) === COMMA) pos++;
      }
      children = { items };
    }
    index.set(start, children);
    return children;
  };

  const rootStart = skipSpace(text, 0);
  const root: [number, number] = [rootStart, skipValue(text, rootStart)];

  return {
    data,
    rangeOf(path) {
      let node = root;
      // The lookup of @stoplight/json's findNodeAtPath, numeric-looking keys included.
      for (const segment of path) {
        const n = Number(segment);
        const s: string | number = Number.isInteger(n) ? n : segment;
        const c = text.charCodeAt(node[0]);
        if (typeof s === 'string' || c !== OPEN_BRACKET) {
          if (c !== OPEN_BRACE) break;
          const next = childrenOf(node[0]).keys?.get(String(s));
          if (!next) break;
          node = next;
        } else {
          const next = childrenOf(node[0]).items?.[s];
          if (s < 0 || !next) break;
          node = next;
        }
      }
      return { start: position(node[0]), end: position(node[1]) };
    },
  };
}
