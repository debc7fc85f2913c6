/**
 * Reads a YAML or JSON document (JSON is read as YAML 1.2, which it is a subset of)
 * and reports the first error with its line and column. A document that parsed can
 * locate any of its values, so format checks report a line too.
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { DefinitionError } from './types.js';

/** A parsed document and a way to find where one of its values sits in the text. */
export interface StructuredDocument {
  value: unknown;
  /**
   * `{ line, column }` (1-based) of the value at `path`, or of its nearest ancestor;
   * with `key`, of the mapping key that names it (for errors about the key itself).
   */
  locate(
    path: readonly (string | number)[],
    options?: { key?: boolean },
  ): { line: number; column: number } | null;
}

export type StructuredResult =
  ({ ok: true } & StructuredDocument) | { ok: false; error: DefinitionError };

// Bounds the billion-laughs expansion a hostile file could attempt through aliases.
const maxAliasCount = 1000;

/** The parser's message without the position and code excerpt `prettyErrors` appends. */
function firstLine(message: string): string {
  const head = message.split('\n')[0] ?? message;
  return head.replace(/ at line \d+, column \d+:?$/, '');
}

export function parseStructured(content: string): StructuredResult {
  // JSON is far faster through JSON.parse (13 MB of GitHub's API: well under a
  // second instead of tens); positions are worked out with the YAML parser only
  // when something must be located.
  if (structuredLanguage(content) === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(content) as unknown;
    } catch {
      return parseYaml(content);
    }
    let located: StructuredResult | null = null;
    const locate: StructuredDocument['locate'] = (path, options) => {
      located ??= parseYaml(content);
      return located.ok ? located.locate(path, options) : null;
    };
    return { ok: true, value, locate };
  }
  return parseYaml(content);
}

function parseYaml(content: string): StructuredResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const result: DefinitionError = { message: firstLine(error.message) };
    if (at) {
      result.line = at.line;
      result.column = at.col;
    }
    return { ok: false, error: result };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (cause) {
    return {
      ok: false,
      error: { message: cause instanceof Error ? cause.message : String(cause) },
    };
  }
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate: StructuredDocument['locate'] = (path, options) => {
    const last = path[path.length - 1];
    if (options?.key && last !== undefined) {
      const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent)
        ? parent.items.find((item) => isScalar(item.key) && item.key.value === last)
        : undefined;
      if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
    }
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return null;
  };
  return { ok: true, value, locate };
}

/** `json` when the text is a JSON object or array, else `yaml`: decides file name and editor language. */
export function structuredLanguage(content: string): 'json' | 'yaml' {
  return /^\s*[{[]/.test(content) ? 'json' : 'yaml';
}
