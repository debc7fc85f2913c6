/**
 * GraphQL SDL validation with `graphql`: syntax errors from `parse`, then the
 * SDL rules (unknown types, duplicate fields, bad directives ...) from
 * `validateSDL`, each with its source location.
 */
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import type { LintDiagnostic } from './types.js';

function toDiagnostic(error: GraphQLError, text: string): LintDiagnostic {
  const loc = error.locations?.[0];
  const line = loc ? loc.line - 1 : 0;
  const character = loc ? loc.column - 1 : 0;
  // Underline the word at the location (or to the end of the line), not one character.
  const lineText = text.split('\n', line + 1)[line] ?? '';
  const word = /^[_A-Za-z0-9@"]+/.exec(lineText.slice(character))?.[0].length ?? 1;
  return {
    code: 'graphql',
    message: error.message,
    severity: 'error',
    path: [],
    range: { start: { line, character }, end: { line, character: character + Math.max(1, word) } },
  };
}

/** Parses `text` as SDL, or returns the syntax error as a diagnostic. */
export function parseSdl(text: string): { document: DocumentNode } | { error: LintDiagnostic } {
  try {
    return { document: parse(text) };
  } catch (e) {
    if (e instanceof GraphQLError) return { error: toDiagnostic(e, text) };
    throw e;
  }
}

/** Every problem in a GraphQL schema document. */
export function lintGraphql(text: string): LintDiagnostic[] {
  if (text.trim() === '') return [];
  const parsed = parseSdl(text);
  if ('error' in parsed) return [parsed.error];
  return validateSDL(parsed.document).map((e) => toDiagnostic(e, text));
}
