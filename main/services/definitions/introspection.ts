/**
 * A GraphQL introspection result (what a server answers to the introspection
 * query, `{ "data": { "__schema": ... } }`, or just `{ "__schema": ... }`) turned
 * into SDL with graphql's buildClientSchema and printSchema, so a GraphQL API can
 * be created from a live server's schema dump.
 */
import { buildClientSchema, printSchema } from 'graphql';
import type { IntrospectionQuery } from 'graphql';
import { isRecord } from './types.js';

/** The `{ __schema }` object of an introspection result, or `null` when it is not one. */
export function introspectionSchemaOf(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value)) return null;
  const holder = isRecord(value.data) && '__schema' in value.data ? value.data : value;
  return isRecord(holder.__schema) ? holder : null;
}

/** True when a parsed JSON value is an introspection result. */
export function isIntrospectionResult(value: unknown): boolean {
  return introspectionSchemaOf(value) !== null;
}

export type IntrospectionResult = { ok: true; sdl: string } | { ok: false; message: string };

/** The SDL the introspection result describes, or why it is not a usable schema. */
export function introspectionToSdl(value: unknown): IntrospectionResult {
  const holder = introspectionSchemaOf(value);
  if (!holder) {
    return {
      ok: false,
      message:
        'expected a GraphQL introspection result: { "data": { "__schema": ... } } or { "__schema": ... }',
    };
  }
  const schema = holder.__schema as Record<string, unknown>;
  if (!Array.isArray(schema.types)) {
    return {
      ok: false,
      message: '__schema.types: expected the list of types the introspection query returns',
    };
  }
  try {
    const built = buildClientSchema(holder as unknown as IntrospectionQuery, {
      assumeValid: false,
    });
    return { ok: true, sdl: `${printSchema(built)}\n` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `__schema: ${message.split('\n')[0] ?? message}` };
  }
}
