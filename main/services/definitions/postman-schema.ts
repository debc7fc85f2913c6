/**
 * The part of a Postman Collection v2.1 (schema.getpostman.com/json/collection/v2.1.0)
 * the importer reads, as zod schemas. Fields it does not use pass through; fields it
 * uses must have the documented shape, and a wrong one is reported with its path
 * (`item[2].request.url.query[0].key`).
 */
import { z } from 'zod';
import { isRecord } from './types.js';

const keyValue = z.object({
  key: z.string().nullable().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
  disabled: z.boolean().optional(),
  description: z.union([z.string(), z.object({ content: z.string().optional() })]).optional(),
});
/** A header, query parameter, path variable or form field. */
export type PostmanKeyValue = z.infer<typeof keyValue>;

const urlObject = z.object({
  raw: z.string().optional(),
  protocol: z.string().optional(),
  host: z.union([z.string(), z.array(z.string())]).optional(),
  port: z.string().optional(),
  path: z
    .union([z.string(), z.array(z.union([z.string(), z.object({ value: z.string() })]))])
    .optional(),
  query: z.array(keyValue).optional(),
  variable: z.array(keyValue.extend({ id: z.string().optional() })).optional(),
});
/** A request URL: a string, or Postman's parsed form. */
export type PostmanUrl = string | z.infer<typeof urlObject>;

const body = z.object({
  mode: z.enum(['raw', 'urlencoded', 'formdata', 'file', 'graphql']).optional(),
  raw: z.string().optional(),
  urlencoded: z.array(keyValue).optional(),
  formdata: z.array(keyValue.extend({ type: z.string().optional() })).optional(),
  options: z.object({ raw: z.object({ language: z.string().optional() }).optional() }).optional(),
});
export type PostmanBody = z.infer<typeof body>;

const description = z.union([z.string(), z.object({ content: z.string().optional() })]);

/** An auth block: its `type` names the attribute list beside it (`bearer: [{key, value}]`). */
const auth = z.looseObject({
  type: z.string({ error: 'is required (noauth, bearer, basic, digest, apikey, oauth2, …)' }),
});
export type PostmanAuth = z.infer<typeof auth> & Record<string, unknown>;

const request = z.union([
  z.string(),
  z.object({
    method: z.string().optional(),
    url: z.union([z.string(), urlObject]).optional(),
    header: z.union([z.array(keyValue), z.string()]).optional(),
    body: body.nullable().optional(),
    description: description.nullable().optional(),
    auth: auth.nullable().optional(),
  }),
]);
export type PostmanRequest = z.infer<typeof request>;

const response = z.object({
  name: z.string().optional(),
  code: z.number().int().optional(),
  status: z.string().optional(),
  body: z.string().nullable().optional(),
});

/** An item: a request, or a folder of items (recursive). */
export interface PostmanItem {
  name?: string | undefined;
  description?: z.infer<typeof description> | null | undefined;
  request?: PostmanRequest | undefined;
  response?: z.infer<typeof response>[] | undefined;
  item?: PostmanItem[] | undefined;
  /** A folder's auth, inherited by its requests. */
  auth?: PostmanAuth | null | undefined;
}

const item: z.ZodType<PostmanItem> = z.lazy(() =>
  z.object({
    name: z.string().optional(),
    description: description.nullable().optional(),
    request: request.optional(),
    response: z.array(response).optional(),
    item: z.array(item).optional(),
    auth: auth.nullable().optional(),
  }),
);

const version = z.union([
  z.string(),
  z.object({
    major: z.number().int(),
    minor: z.number().int(),
    patch: z.number().int(),
  }),
]);

/** A Postman v2.1 collection as far as the importer reads it. */
export const postmanCollection = z.object({
  info: z.object({
    name: z.string({ error: 'is required (the collection name, a string)' }).min(1),
    schema: z.string().optional(),
    version: version.optional(),
    description: description.nullable().optional(),
  }),
  item: z.array(item, { error: 'is required (the list of requests and folders)' }),
  variable: z.array(keyValue).optional(),
  auth: auth.nullable().optional(),
});
export type PostmanCollection = z.infer<typeof postmanCollection>;

/**
 * True when a parsed document claims to be a Postman collection: `info.schema`
 * names Postman's collection schema, or `info._postman_id` is set beside `item`.
 */
export function isPostmanCollection(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.info)) return false;
  const schema = value.info.schema;
  if (typeof schema === 'string' && /getpostman\.com\/json\/collection\//.test(schema)) return true;
  return typeof value.info._postman_id === 'string' && 'item' in value;
}

/** Collections older than v2 (the v1 `requests` list) are refused with this hint. */
export function postmanVersionProblem(value: unknown): string | null {
  if (!isRecord(value) || !isRecord(value.info)) return null;
  const schema = value.info.schema;
  if (typeof schema !== 'string') return null;
  const match = /collection\/v(\d+)\.(\d+)/.exec(schema);
  if (!match) return null;
  if (match[1] === '2') return null;
  return `info.schema: Postman collection ${match[0].slice(11)} is not supported; export it from Postman as Collection v2.1`;
}
