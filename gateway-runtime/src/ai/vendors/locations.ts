/** Shorthands for writing vendor defaults as data. */
import type { ValueLocation } from '../types.js';

/** A JSON path into the body or each SSE event; `add` paths are summed into it. */
export function body(path: string, ...add: string[]): ValueLocation {
  return add.length > 0 ? { from: 'body', path, add } : { from: 'body', path };
}

/** A header of the response (or of the request, for the requested model). */
export function header(name: string): ValueLocation {
  return { from: 'header', path: name.toLowerCase() };
}
