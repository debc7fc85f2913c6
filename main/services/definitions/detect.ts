/**
 * Which kind of definition a text is (OpenAPI, AsyncAPI, GraphQL SDL, WSDL), and
 * reading a definition whose format is already known.
 */
import type { DefinitionFormat } from '../../ipc/contract.js';
import { readAsyncApi, isAsyncApiDocument } from './asyncapi.js';
import { isSdlDocument, parseSdl, readGraphQl } from './graphql.js';
import { introspectionToSdl, isIntrospectionResult } from './introspection.js';
import { isOpenApiDocument, readOpenApi } from './openapi.js';
import { isPostmanCollection, postmanToOpenApi } from './postman.js';
import { parseStructured, structuredLanguage, type StructuredDocument } from './source.js';
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

/** What a document was converted from, when it was not a definition itself. */
export type ConvertedFrom = 'postman' | 'introspection';

export type DetectResult =
  | {
      ok: true;
      info: DefinitionInfo;
      language: DefinitionLanguage;
      /**
       * Set when the text was a Postman collection (now OpenAPI YAML) or a GraphQL
       * introspection result (now SDL): the definition to store instead of the text.
       */
      converted?: { from: ConvertedFrom; content: string };
    }
  | { ok: false; error: DefinitionError };

const expected =
  'expected an OpenAPI 2.0/3.x or AsyncAPI 2.x/3.x document (YAML or JSON), a GraphQL schema (SDL or an introspection result), a Postman v2.1 collection or a WSDL 1.1 document';

const looksLikeSdl =
  /^\s*(#|"""|"|schema\b|type\b|extend\b|interface\b|enum\b|input\b|union\b|scalar\b|directive\b)/;

function extension(fileName: string | undefined): string {
  const match = fileName ? /\.([A-Za-z0-9]+)$/.exec(fileName) : null;
  return match?.[1]?.toLowerCase() ?? '';
}

function withLanguage(result: DefinitionResult, language: DefinitionLanguage): DetectResult {
  return result.ok ? { ok: true, info: result.info, language } : result;
}

function fromIntrospection(value: unknown): DetectResult {
  const converted = introspectionToSdl(value);
  if (!converted.ok) return definitionFailure(`GraphQL introspection result: ${converted.message}`);
  const read = readGraphQl(converted.sdl);
  if (!read.ok) return read;
  return {
    ok: true,
    info: read.info,
    language: 'graphql',
    converted: { from: 'introspection', content: converted.sdl },
  };
}

function fromPostman(value: unknown): DetectResult {
  const converted = postmanToOpenApi(value);
  if (!converted.ok) return definitionFailure(converted.message);
  const read = readOpenApi(parseStructuredOrThrow(converted.yaml));
  if (!read.ok) return read;
  return {
    ok: true,
    info: read.info,
    language: 'yaml',
    converted: { from: 'postman', content: converted.yaml },
  };
}

/** For text this module generated itself, which always parses. */
function parseStructuredOrThrow(content: string): StructuredDocument {
  const parsed = parseStructured(content);
  if (!parsed.ok) throw new Error(`generated document does not parse: ${parsed.error.message}`);
  return parsed;
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
    if (isIntrospectionResult(structured.value)) return fromIntrospection(structured.value);
    if (isPostmanCollection(structured.value)) return fromPostman(structured.value);
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
    `found none of the top-level fields openapi, swagger or asyncapi (nor a GraphQL __schema or a Postman info.schema); ${expected}`,
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
