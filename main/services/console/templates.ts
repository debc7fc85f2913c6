/**
 * Request templates for the try-it console: one per operation, with path, query and
 * header parameters and a body filled from the definition's examples first, then
 * from defaults, enums and schema types. The definition is parsed once per call
 * (the renderer asks when the section opens), and a schema walk stops at a fixed
 * depth so recursive schemas and big specs stay cheap.
 */
import { parse } from 'yaml';
import type { NameValue, RequestTemplate } from '../../ipc/contract-console.js';
import { isRecord } from '../definitions/types.js';

/** What the templates read from an API. */
export interface TemplateSource {
  type: string;
  operations: readonly { method: string; target: string; summary?: string }[];
  definition: { format: string; content: string } | null;
}

type Json = Record<string, unknown>;
const MAX_DEPTH = 6;

function deref(doc: Json, value: unknown, seen = 0): unknown {
  if (!isRecord(value) || typeof value.$ref !== 'string' || seen > 20) return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) return {};
  let current: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    current = isRecord(current) ? current[key] : undefined;
  }
  return deref(doc, current, seen + 1);
}

/** A sample value for a schema: example, default, first enum value, then by type. */
export function sampleFromSchema(doc: Json, schema: unknown, depth = 0): unknown {
  const s = deref(doc, schema);
  if (!isRecord(s)) return null;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (depth > MAX_DEPTH) return null;
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = s[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    if (key !== 'allOf') return sampleFromSchema(doc, list[0], depth + 1);
    const merged: Json = {};
    for (const part of list) {
      const value = sampleFromSchema(doc, part, depth + 1);
      if (isRecord(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || (type === undefined && isRecord(s.properties))) {
    const out: Json = {};
    const props = isRecord(s.properties) ? s.properties : {};
    for (const [name, prop] of Object.entries(props))
      out[name] = sampleFromSchema(doc, prop, depth + 1);
    return out;
  }
  if (type === 'array') return [sampleFromSchema(doc, s.items, depth + 1)];
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return true;
  if (type === 'string') {
    if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
    if (s.format === 'date') return '2024-01-01';
    if (s.format === 'email') return 'user@example.com';
    if (s.format === 'uuid') return '00000000-0000-0000-0000-000000000000';
    return 'string';
  }
  return null;
}

function paramExample(doc: Json, p: Json): unknown {
  if (p.example !== undefined) return p.example;
  if (isRecord(p.examples)) {
    const first = deref(doc, Object.values(p.examples)[0]);
    if (isRecord(first) && first.value !== undefined) return first.value;
  }
  // Swagger 2 keeps type, default and enum on the parameter itself.
  return sampleFromSchema(doc, p.schema ?? p);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function mediaExample(doc: Json, media: unknown): unknown {
  const m = deref(doc, media);
  if (!isRecord(m)) return null;
  if (m.example !== undefined) return m.example;
  if (isRecord(m.examples)) {
    const first = deref(doc, Object.values(m.examples)[0]);
    if (isRecord(first) && first.value !== undefined) return first.value;
  }
  return sampleFromSchema(doc, m.schema);
}

interface BodyTemplate {
  contentType: string;
  text: string;
}

function bodyOf(doc: Json, op: Json, params: Json[]): BodyTemplate | null {
  const swaggerBody = params.find((p) => p.in === 'body');
  if (swaggerBody)
    return {
      contentType: 'application/json',
      text: JSON.stringify(sampleFromSchema(doc, swaggerBody.schema), null, 2),
    };
  const requestBody = deref(doc, op.requestBody);
  if (!isRecord(requestBody) || !isRecord(requestBody.content)) return null;
  const types = Object.keys(requestBody.content);
  const contentType = types.find((t) => /json/i.test(t)) ?? types[0];
  if (contentType === undefined) return null;
  const example = mediaExample(doc, requestBody.content[contentType]);
  const text = typeof example === 'string' ? example : JSON.stringify(example ?? {}, null, 2);
  return { contentType, text };
}

function openApiTemplate(
  doc: Json,
  method: string,
  target: string,
): Omit<RequestTemplate, 'method' | 'target' | 'summary'> | null {
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const item = deref(doc, paths[target]);
  if (!isRecord(item)) return null;
  const op = deref(doc, item[method.toLowerCase()]);
  if (!isRecord(op)) return null;
  const byKey = new Map<string, Json>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(doc, raw);
      if (isRecord(p) && typeof p.name === 'string') byKey.set(`${String(p.in)}:${p.name}`, p);
    }
  }
  const params = [...byKey.values()];
  let path = target;
  const query: NameValue[] = [];
  const headers: NameValue[] = [];
  for (const p of params) {
    const name = p.name as string;
    const value = asText(paramExample(doc, p));
    if (p.in === 'path') path = path.split(`{${name}}`).join(encodeURIComponent(value || '1'));
    else if (p.in === 'query' && (p.required === true || p.example !== undefined))
      query.push({ name, value });
    else if (p.in === 'header' && p.required === true) headers.push({ name, value });
  }
  const body = bodyOf(doc, op, params);
  if (body) headers.push({ name: 'Content-Type', value: body.contentType });
  return { path, query, headers, body: body?.text ?? null };
}

function fallbackTemplate(source: TemplateSource, method: string, target: string) {
  const path = target.replace(/\{[^}]+\}/g, '1');
  if (source.type === 'GRAPHQL')
    return {
      path,
      query: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: JSON.stringify({ query: '{ __typename }' }, null, 2),
    };
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
  return {
    path,
    query: [],
    headers: hasBody ? [{ name: 'Content-Type', value: 'application/json' }] : [],
    body: hasBody ? '{}' : null,
  };
}

function parseOpenApi(source: TemplateSource): Json | null {
  if (source.definition?.format !== 'openapi') return null;
  try {
    const doc: unknown = parse(source.definition.content, { maxAliasCount: 1000 });
    return isRecord(doc) ? doc : null;
  } catch {
    // A definition that does not parse still gets templates from api.yaml's operations.
    return null;
  }
}

export function buildTemplates(source: TemplateSource): RequestTemplate[] {
  const doc = parseOpenApi(source);
  return source.operations.map((op) => {
    const method = op.method.toUpperCase();
    const built =
      (doc && openApiTemplate(doc, method, op.target)) ??
      fallbackTemplate(source, method, op.target);
    return { method, target: op.target, summary: op.summary ?? null, ...built };
  });
}
