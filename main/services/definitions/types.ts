/**
 * What reading an API definition yields, whatever its format: the few facts the
 * workspace derives from it (title, version, endpoint) and its operations. A later
 * importer extends each format module; this shape stays the common ground.
 */
import type { DefinitionFormat, Operation } from '../../ipc/contract.js';

/** Facts read from a definition that parsed. */
export interface DefinitionInfo {
  format: DefinitionFormat;
  /** `info.title`, a WSDL's name; `null` when the format carries none (GraphQL SDL). */
  title: string | null;
  /** `info.version`; `null` when the document has none. */
  version: string | null;
  /** The first absolute server URL the document names, variables filled with their defaults. */
  endpoint: string | null;
  operations: Operation[];
}

/** Why a definition could not be read, located when the parser knows where. */
export interface DefinitionError {
  /** What is wrong and what was expected, without the location. */
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export type DefinitionResult =
  { ok: true; info: DefinitionInfo } | { ok: false; error: DefinitionError };

/** `line 3, column 7: message`, or the bare message when the position is unknown. */
export function describeDefinitionError(error: DefinitionError): string {
  if (error.line === undefined) return error.message;
  const column = error.column === undefined ? '' : `, column ${error.column}`;
  return `line ${error.line}${column}: ${error.message}`;
}

/** A failed read; assignable to every result type that shares the `{ ok: false, error }` branch. */
export type DefinitionFailure = { ok: false; error: DefinitionError };

export function definitionFailure(
  message: string,
  line?: number,
  column?: number,
): DefinitionFailure {
  const error: DefinitionError = { message };
  if (line !== undefined) error.line = line;
  if (column !== undefined) error.column = column;
  return { ok: false, error };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or `null`. */
export function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Fills `{name}` server variables with their defaults, and keeps the URL only when
 * it is absolute with one of `schemes`.
 */
export function absoluteServerUrl(
  url: string,
  variables: unknown,
  schemes: readonly string[] = ['http', 'https'],
): string | null {
  const filled = url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = isRecord(variables) ? variables[name] : undefined;
    const fallback = isRecord(variable) ? text(variable.default) : null;
    return fallback ?? whole;
  });
  if (!URL.canParse(filled) || /[{}]/.test(filled)) return null;
  const protocol = new URL(filled).protocol.replace(/:$/, '');
  return schemes.includes(protocol) ? filled : null;
}
