/**
 * A definition's text parsed once for the linter, the outline and range lookups:
 * JSON through `parseJsonFast` when that gives the same data and ranges as
 * Spectral's parser (most large specs), otherwise, and for YAML, Spectral's own.
 */
import type { ISpectralDiagnostic } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { parseJsonFast } from './json-source.js';

type Parsed = ReturnType<typeof Parsers.Json.parse> | ReturnType<typeof Parsers.Yaml.parse>;
type ParserKind = typeof Parsers.Json | typeof Parsers.Yaml;
type Range = ISpectralDiagnostic['range'];

/** A JSON or YAML text parsed once, with the means to find a JSON path's range in it. */
export interface ParsedDefinition {
  text: string;
  /** The parsed data (plain JSON values). */
  data: unknown;
  /** What Spectral is given: the parse and its own range lookup. */
  spectral: {
    parsed: Parsed | { data: unknown; diagnostics: []; ast: null; lineMap: [] };
    getLocationForJsonPath: (...args: never[]) => { range: Range } | undefined;
    trapAccess: <T>(o: T) => T;
  };
  /** Range of the node at `path` (or of its closest existing parent), as Spectral reports it. */
  rangeOf(path: readonly (string | number)[]): Range | undefined;
  /** Zero-based line of the node at `path` (or of its closest existing parent). */
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * Parses a definition as Spectral would: JSON through `parseJsonFast` when that
 * gives the same data and ranges (most large specs), otherwise, and for YAML,
 * with Spectral's own parsers.
 */
export function parseDefinition(text: string, language: 'json' | 'yaml'): ParsedDefinition {
  const fast = language === 'json' ? parseJsonFast(text) : null;
  if (fast) {
    return {
      text,
      data: fast.data,
      spectral: {
        parsed: { data: fast.data, diagnostics: [], ast: null, lineMap: [] },
        // Ranges are looked up after de-duplication (toDiagnostics), not per raw result.
        getLocationForJsonPath: () => undefined,
        trapAccess: <T>(o: T) => o,
      },
      rangeOf: (path) => fast.rangeOf(path),
      lineOf: (path) => fast.rangeOf(path).start.line,
    };
  }
  const parser: ParserKind = language === 'json' ? Parsers.Json : Parsers.Yaml;
  const parsed = parser.parse(text);
  const locate = parser.getLocationForJsonPath as (
    p: Parsed,
    path: readonly (string | number)[],
    closest: boolean,
  ) => ReturnType<typeof Parsers.Json.getLocationForJsonPath>;
  return {
    text,
    data: parsed.data,
    spectral: {
      parsed,
      getLocationForJsonPath: parser.getLocationForJsonPath as never,
      trapAccess: parser.trapAccess as <T>(o: T) => T,
    },
    rangeOf: (path) => locate(parsed, path, true)?.range,
    lineOf: (path) => locate(parsed, path, true)?.range.start.line ?? 0,
  };
}
