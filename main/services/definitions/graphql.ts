/**
 * GraphQL SDL: the fields of the root operation types (Query, Mutation,
 * Subscription, or whatever a `schema { ... }` block names) become operations with
 * the apictl verbs QUERY, MUTATION and SUBSCRIPTION and the field name as target.
 */
import { Kind, parse } from 'graphql';
import { specifiedSDLRules } from 'graphql/validation/specifiedRules.js';
import type { DocumentNode } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import type { Operation } from '../../ipc/contract.js';
import { definitionFailure, type DefinitionFailure, type DefinitionResult } from './types.js';

type RootKind = 'query' | 'mutation' | 'subscription';

/**
 * Every SDL rule but one: a field defined twice in one type is read as its first
 * definition. Published schemas do this (GitHub's public schema defines
 * `EnterpriseOwnerInfo.repositoryDeployKeySetting` twice), and refusing the whole
 * document would leave the user nothing to work with; the editor still flags it.
 */
// By name: graphql's ESM and CommonJS builds are two copies of each rule function.
const sdlRules = specifiedSDLRules.filter((rule) => rule.name !== 'UniqueFieldDefinitionNamesRule');

const verbs: Record<RootKind, string> = {
  query: 'QUERY',
  mutation: 'MUTATION',
  subscription: 'SUBSCRIPTION',
};

/**
 * Duck-typed on purpose: a bundler may load `graphql` (ESM) and the deep
 * `graphql/validation/validate.js` (CJS) as two copies, and `instanceof
 * GraphQLError` then fails for errors of the other copy.
 */
function failure(error: unknown): DefinitionFailure {
  const located = error as { message?: unknown; locations?: { line: number; column: number }[] };
  const message = error instanceof Error ? error.message : String(error);
  const at = Array.isArray(located?.locations) ? located.locations[0] : undefined;
  return definitionFailure(message, at?.line, at?.column);
}

/** Parses SDL without judging it: detection uses this to tell SDL from other text. */
export function parseSdl(
  content: string,
): { ok: true; document: DocumentNode } | { ok: false; result: DefinitionFailure } {
  try {
    return { ok: true, document: parse(content, { noLocation: false }) };
  } catch (error) {
    return { ok: false, result: failure(error) };
  }
}

/** True when the document defines or extends at least one type (not an executable query). */
export function isSdlDocument(document: DocumentNode): boolean {
  return document.definitions.some(
    (d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION,
  );
}

function rootTypeNames(document: DocumentNode): Record<RootKind, string> {
  const names: Record<RootKind, string> = {
    query: 'Query',
    mutation: 'Mutation',
    subscription: 'Subscription',
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION)
      continue;
    for (const op of definition.operationTypes ?? []) names[op.operation] = op.type.name.value;
  }
  return names;
}

export function readGraphQl(content: string): DefinitionResult {
  const parsed = parseSdl(content);
  if (!parsed.ok) return parsed.result;
  const { document } = parsed;
  if (!isSdlDocument(document)) {
    return definitionFailure(
      'expected a GraphQL schema (type definitions), found only queries or fragments',
      1,
      1,
    );
  }
  const [invalid] = validateSDL(document, undefined, sdlRules);
  if (invalid) return failure(invalid);

  const roots = rootTypeNames(document);
  const operations: Operation[] = [];
  for (const kind of ['query', 'mutation', 'subscription'] as const) {
    for (const definition of document.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      )
        continue;
      if (definition.name.value !== roots[kind]) continue;
      for (const field of definition.fields ?? []) {
        if (operations.some((o) => o.method === verbs[kind] && o.target === field.name.value))
          continue;
        const operation: Operation = { method: verbs[kind], target: field.name.value };
        const description = 'description' in field ? field.description?.value.trim() : undefined;
        if (description) operation.summary = description;
        operations.push(operation);
      }
    }
  }
  return {
    ok: true,
    info: { format: 'graphql', title: null, version: null, endpoint: null, operations },
  };
}
