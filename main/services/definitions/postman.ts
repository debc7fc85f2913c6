/**
 * A Postman v2.1 collection as an OpenAPI 3.0 document: each request becomes an
 * operation (folders become tags; `:id` and `{{id}}` path segments become path
 * parameters; query parameters and headers become parameters; a raw JSON body
 * becomes a request body example; saved responses become response examples), the
 * base URL the requests share (usually a `{{baseUrl}}` collection variable) becomes
 * the server, and the collection's name and version become `info`.
 */
import { stringify } from 'yaml';
import { formatZodIssues } from '../zod-issues.js';
import { SecurityCollector } from './postman-auth.js';
import {
  postmanCollection,
  postmanVersionProblem,
  type PostmanAuth,
  type PostmanBody,
  type PostmanCollection,
  type PostmanItem,
  type PostmanKeyValue,
  type PostmanUrl,
} from './postman-schema.js';

export { isPostmanCollection } from './postman-schema.js';

type JsonObject = Record<string, unknown>;

export type PostmanResult =
  { ok: true; yaml: string; document: JsonObject } | { ok: false; message: string };

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// OpenAPI describes these through content types and security schemes, not header parameters.
const reservedHeaders = new Set(['accept', 'content-type', 'authorization']);

function describeText(value: PostmanItem['description']): string | undefined {
  if (!value) return undefined;
  const text = typeof value === 'string' ? value : value.content;
  return text?.trim() || undefined;
}

function stringValue(value: PostmanKeyValue['value']): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** `https://{{host}}/v1/users/:id?x=1` split into its base (scheme + host) and path parts. */
function urlParts(url: PostmanUrl): {
  base: string;
  segments: string[];
  query: PostmanKeyValue[];
  variables: PostmanKeyValue[];
} {
  if (typeof url === 'string' || (url.host === undefined && url.path === undefined)) {
    const raw = (typeof url === 'string' ? url : (url.raw ?? '')).split('#')[0] ?? '';
    const [beforeQuery = '', queryText] = raw.split('?');
    const match = /^((?:[a-z][a-z0-9+.-]*:\/\/)?[^/]*)(\/.*)?$/i.exec(beforeQuery);
    const query = (queryText ?? '')
      .split('&')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const [key = '', value] = pair.split('=');
        return { key, value: value ?? '' };
      });
    const fromObject = typeof url === 'string' ? [] : (url.query ?? []);
    return {
      base: match?.[1] ?? '',
      segments: (match?.[2] ?? '').split('/').filter((s) => s !== ''),
      query: fromObject.length > 0 ? fromObject : query,
      variables: typeof url === 'string' ? [] : (url.variable ?? []),
    };
  }
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const protocol = url.protocol ? `${url.protocol}://` : '';
  const port = url.port ? `:${url.port}` : '';
  const path = typeof url.path === 'string' ? url.path.split('/') : (url.path ?? []);
  return {
    base: `${protocol}${host}${port}`,
    segments: path.map((s) => (typeof s === 'string' ? s : s.value)).filter((s) => s !== ''),
    query: url.query ?? [],
    variables: url.variable ?? [],
  };
}

/** `{{baseUrl}}` filled from the collection's variables; other text as is. */
function fillVariables(text: string, variables: ReadonlyMap<string, string>): string {
  return text.replace(
    /\{\{([^}]+)\}\}/g,
    (whole, name: string) => variables.get(name.trim()) ?? whole,
  );
}

/**
 * A request written with a full URL (`https://host/api/health`) shares the base of
 * those written `{{baseUrl}}/...` when a collection variable holds that base.
 */
function rebase(
  base: string,
  segments: string[],
  variables: ReadonlyMap<string, string>,
): { base: string; segments: string[] } {
  const full = `${base}/${segments.join('/')}`;
  for (const known of variables.values()) {
    if (!/^https?:\/\//i.test(known) || known === base) continue;
    const prefix = known.replace(/\/+$/, '');
    if (full.startsWith(`${prefix}/`)) {
      return {
        base: prefix,
        segments: full
          .slice(prefix.length)
          .split('/')
          .filter((s) => s !== ''),
      };
    }
  }
  return { base, segments };
}

function paramName(segment: string): string | null {
  const colon = /^:([A-Za-z0-9_.-]+)$/.exec(segment);
  if (colon?.[1]) return colon[1];
  const braces = /^\{\{([^}]+)\}\}$/.exec(segment);
  return braces?.[1]?.trim() ?? null;
}

function bodyContent(body: PostmanBody | null | undefined): JsonObject | undefined {
  if (!body?.mode) return undefined;
  if (body.mode === 'raw' && body.raw?.trim()) {
    const language = body.options?.raw?.language ?? 'json';
    try {
      return { 'application/json': { example: JSON.parse(body.raw) as unknown } };
    } catch {
      const type = language === 'xml' ? 'application/xml' : 'text/plain';
      return { [type]: { example: body.raw } };
    }
  }
  const fields =
    body.mode === 'urlencoded'
      ? body.urlencoded
      : body.mode === 'formdata'
        ? body.formdata
        : undefined;
  if (fields && fields.length > 0) {
    const properties: JsonObject = {};
    for (const field of fields) {
      if (!field.key || field.disabled) continue;
      const example = stringValue(field.value);
      properties[field.key] =
        example === undefined ? { type: 'string' } : { type: 'string', example };
    }
    const type =
      body.mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data';
    return { [type]: { schema: { type: 'object', properties } } };
  }
  if (body.mode === 'graphql') return { 'application/json': { schema: { type: 'object' } } };
  return undefined;
}

interface Converted {
  paths: Record<string, Record<string, JsonObject>>;
  security: SecurityCollector;
  tags: Set<string>;
  bases: Map<string, number>;
  operationIds: Set<string>;
}

function operationId(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const base =
    words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1))).join('') ||
    'operation';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}${n}`;
  taken.add(id);
  return id;
}

function convertRequest(
  item: PostmanItem,
  tag: string | null,
  folderAuth: PostmanAuth | null,
  variables: ReadonlyMap<string, string>,
  out: Converted,
): void {
  const request = item.request;
  if (request === undefined) return;
  const method = (typeof request === 'string' ? 'get' : (request.method ?? 'get')).toLowerCase();
  if (!httpMethods.has(method)) return;
  const url = typeof request === 'string' ? request : (request.url ?? '');
  const parts = urlParts(url);
  const { base, segments: rawSegments } = rebase(
    fillVariables(parts.base, variables),
    parts.segments,
    variables,
  );
  if (base !== '') out.bases.set(base, (out.bases.get(base) ?? 0) + 1);

  const parameters: JsonObject[] = [];
  const pathVariables = new Map(parts.variables.map((v) => [v.key ?? '', v]));
  const segments = rawSegments.map((segment) => {
    const name = paramName(segment);
    if (!name) return fillVariables(segment, variables);
    const variable = pathVariables.get(name);
    const parameter: JsonObject = { name, in: 'path', required: true, schema: { type: 'string' } };
    const example = stringValue(variable?.value) ?? variables.get(name);
    if (example) parameter.example = example;
    const description = describeText(variable?.description);
    if (description) parameter.description = description;
    parameters.push(parameter);
    return `{${name}}`;
  });
  for (const query of parts.query) {
    if (!query.key || query.disabled) continue;
    const parameter: JsonObject = { name: query.key, in: 'query', schema: { type: 'string' } };
    const example = stringValue(query.value);
    if (example) parameter.example = example;
    parameters.push(parameter);
  }
  const headers =
    typeof request === 'string' || typeof request.header === 'string' ? [] : (request.header ?? []);
  for (const header of headers) {
    if (!header.key || header.disabled || reservedHeaders.has(header.key.toLowerCase())) continue;
    const parameter: JsonObject = { name: header.key, in: 'header', schema: { type: 'string' } };
    const example = stringValue(header.value);
    if (example) parameter.example = example;
    parameters.push(parameter);
  }

  const path = `/${segments.join('/')}`;
  const operation: JsonObject = {};
  if (item.name) operation.summary = item.name;
  const description =
    describeText(typeof request === 'string' ? undefined : request.description) ??
    describeText(item.description);
  if (description) operation.description = description;
  operation.operationId = operationId(item.name ?? `${method} ${path}`, out.operationIds);
  if (tag) {
    operation.tags = [tag];
    out.tags.add(tag);
  }
  if (parameters.length > 0) operation.parameters = parameters;
  const content = typeof request === 'string' ? undefined : bodyContent(request.body);
  if (content) operation.requestBody = { content };
  operation.responses = responsesOf(item);
  out.security.apply(operation, (typeof request === 'string' ? null : request.auth) ?? folderAuth);

  const pathItem = (out.paths[path] ??= {});
  // OpenAPI allows one operation per path and method: the first request wins.
  pathItem[method] ??= operation;
}

function responsesOf(item: PostmanItem): JsonObject {
  const responses: JsonObject = {};
  for (const saved of item.response ?? []) {
    const code = String(saved.code ?? 200);
    if (code in responses) continue;
    const response: JsonObject = { description: saved.name ?? saved.status ?? 'Response' };
    if (saved.body) {
      try {
        response.content = { 'application/json': { example: JSON.parse(saved.body) as unknown } };
      } catch {
        response.content = { 'text/plain': { example: saved.body } };
      }
    }
    responses[code] = response;
  }
  if (Object.keys(responses).length === 0) responses.default = { description: 'Response' };
  return responses;
}

function walk(
  items: readonly PostmanItem[],
  folders: string[],
  folderAuth: PostmanAuth | null,
  variables: ReadonlyMap<string, string>,
  out: Converted,
): void {
  for (const item of items) {
    if (item.item) {
      const auth = item.auth ?? folderAuth;
      walk(item.item, [...folders, item.name ?? 'Folder'], auth, variables, out);
    } else {
      const tag = folders.length > 0 ? folders.join(' / ') : null;
      convertRequest(item, tag, folderAuth, variables, out);
    }
  }
}

function versionOf(collection: PostmanCollection): string {
  const version = collection.info.version;
  if (version === undefined) return '1.0.0';
  return typeof version === 'string'
    ? version
    : `${version.major}.${version.minor}.${version.patch}`;
}

/** Converts a parsed collection; a collection that does not match v2.1 is refused naming the field. */
export function postmanToOpenApi(value: unknown): PostmanResult {
  const tooOld = postmanVersionProblem(value);
  if (tooOld) return { ok: false, message: tooOld };
  const parsed = postmanCollection.safeParse(value);
  if (!parsed.success) {
    return { ok: false, message: `Postman collection: ${formatZodIssues(parsed.error.issues)}` };
  }
  const collection = parsed.data;
  const variables = new Map<string, string>();
  for (const variable of collection.variable ?? []) {
    const text = stringValue(variable.value);
    if (variable.key && text !== undefined && !variable.disabled) variables.set(variable.key, text);
  }
  const out: Converted = {
    paths: {},
    security: new SecurityCollector(collection.auth, (text) => fillVariables(text, variables)),
    tags: new Set(),
    bases: new Map(),
    operationIds: new Set(),
  };
  walk(collection.item, [], null, variables, out);

  const info: JsonObject = { title: collection.info.name, version: versionOf(collection) };
  const description = describeText(collection.info.description);
  if (description) info.description = description;
  const document: JsonObject = { openapi: '3.0.3', info };
  const bases = [...out.bases.entries()].sort((a, b) => b[1] - a[1]).map(([base]) => base);
  const servers = bases.filter((base) => /^https?:\/\//i.test(base));
  if (servers.length > 0) document.servers = servers.map((url) => ({ url }));
  if (out.tags.size > 0) document.tags = [...out.tags].map((name) => ({ name }));
  document.paths = out.paths;
  out.security.finish(document);
  return { ok: true, document, yaml: stringify(document, { lineWidth: 0 }) };
}
