/**
 * Which kind of definition a text is (OpenAPI, AsyncAPI, GraphQL SDL, WSDL), and
 * reading a definition whose format is already known.
 */
import type { DefinitionFormat } from '../../ipc/contract.js';
import { readAsyncApi, isAsyncApiDocument } from './asyncapi.js';
import { isSdlDocument, parseSdl, readGraphQl } from './graphql.js';
import { isOpenApiDocument, readOpenApi } from './openapi.js';
import { parseStructured, structuredLanguage } from './source.js';
import {
  definitionFailure,
  isRecord,
  type DefinitionError,
  type DefinitionInfo,
  type DefinitionResult,
} from './types.js';
import { looksLikeXml, readWsdl } from './wsdl.js';

/** The Monaco language of a definition's text. */
export type DefinitionLanguage = 'yaml' | 'json' | 'graphql' | 'xml';

export type DetectResult =
  | { ok: true; info: DefinitionInfo; language: DefinitionLanguage }
  | { ok: false; error: DefinitionError };

const expected =
  'expected an OpenAPI 2.0/3.x or AsyncAPI 2.x/3.x document (YAML or JSON), a GraphQL schema (SDL) or a WSDL 1.1 document';

const looksLikeSdl =
  /^\s*(#|"""|"|schema\b|type\b|extend\b|interface\b|enum\b|input\b|union\b|scalar\b|directive\b)/;

function extension(fileName: string | undefined): string {
  const match = fileName ? /\.([A-Za-z0-9]+)$/.exec(fileName) : null;
  return match?.[1]?.toLowerCase() ?? '';
}

function withLanguage(result: DefinitionResult, language: DefinitionLanguage): DetectResult {
  return result.ok ? { ok: true, info: result.info, language } : result;
}

/** Detects the format from the text (and the file name, when it was a file) and reads it. */
export function detectDefinition(content: string, fileName?: string): DetectResult {
  if (content.trim() === '') return definitionFailure(`the definition is empty; ${expected}`);
  const ext = extension(fileName);
  if (['graphql', 'gql', 'graphqls'].includes(ext))
    return withLanguage(readGraphQl(content), 'graphql');
  if (['wsdl', 'xml'].includes(ext) || looksLikeXml(content))
    return withLanguage(readWsdl(content), 'xml');

  const structured = parseStructured(content);
  if (structured.ok) {
    const language = structuredLanguage(content);
    if (isOpenApiDocument(structured.value)) return withLanguage(readOpenApi(structured), language);
    if (isAsyncApiDocument(structured.value))
      return withLanguage(readAsyncApi(structured), language);
  }
  const sdl = parseSdl(content);
  if (sdl.ok && isSdlDocument(sdl.document)) return withLanguage(readGraphQl(content), 'graphql');
  if (!sdl.ok && looksLikeSdl.test(content) && !(structured.ok && isRecord(structured.value))) {
    return sdl.result;
  }
  if (!structured.ok) {
    return {
      ok: false,
      error: { ...structured.error, message: `${structured.error.message}; ${expected}` },
    };
  }
  return definitionFailure(
    `found none of the top-level fields openapi, swagger or asyncapi; ${expected}`,
    1,
    1,
  );
}

/** Reads a definition in a known format (the file it is saved in decides the format). */
export function readDefinition(format: DefinitionFormat, content: string): DefinitionResult {
  switch (format) {
    case 'graphql':
      return readGraphQl(content);
    case 'wsdl':
      return readWsdl(content);
    case 'openapi':
    case 'asyncapi': {
      const structured = parseStructured(content);
      if (!structured.ok) return structured;
      if (format === 'openapi') return readOpenApi(structured);
      return readAsyncApi(structured);
    }
  }
}
