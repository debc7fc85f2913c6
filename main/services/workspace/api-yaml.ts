/**
 * `api.yaml` in the WSO2 apictl v4 project layout: the schema it is read with and
 * the one way it is written. Writing puts keys in a fixed order (known keys first,
 * then any others sorted) and adds no timestamps, so rewriting an unchanged API
 * yields the same bytes and git sees no churn. Fields Portico does not know (an
 * apictl export carries many) are kept as they are.
 */
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { ApiType, Operation } from '../../ipc/contract.js';
import { formatZodIssues } from '../zod-issues.js';
import { aiConfigOf } from '../ai-vendors/ai-api.js';

/** The apictl project format version Portico writes. */
export const API_YAML_VERSION = 'v4.4.0';
export const DEFAULT_AUTH_TYPE = 'Application & Application User';
export const UNLIMITED = 'Unlimited';

/** apictl `type` values and the contract's API type they show as. */
const apictlTypes = {
  HTTP: 'REST',
  GRAPHQL: 'GRAPHQL',
  ASYNC: 'ASYNC',
  WS: 'ASYNC',
  SSE: 'ASYNC',
  WEBSUB: 'ASYNC',
  WEBHOOK: 'ASYNC',
  SOAP: 'SOAP',
  SOAPTOREST: 'SOAP',
} as const satisfies Record<string, ApiType>;

export type ApictlType = keyof typeof apictlTypes;

/** The apictl type Portico writes for each API type. */
export const apictlTypeFor: Record<Exclude<ApiType, 'AI'>, ApictlType> = {
  REST: 'HTTP',
  GRAPHQL: 'GRAPHQL',
  ASYNC: 'ASYNC',
  SOAP: 'SOAP',
};

export function apiTypeOf(type: ApictlType): ApiType {
  return apictlTypes[type];
}

/** The API type of an api.yaml: `subtypeConfiguration.subtype: AIAPI` (API Manager 4.x) makes it AI. */
export function apiTypeOfData(data: ApiYamlData): ApiType {
  return aiConfigOf(data) ? 'AI' : apiTypeOf(data.type);
}

// apictl writes versions unquoted; YAML reads `1.0` as a number.
const scalar = z.union([z.string(), z.number()]).transform((value) => String(value));

const endpointEntry = z.looseObject({
  url: scalar.pipe(z.string().min(1, 'must be a non-empty URL')),
});
/** One endpoint, or a load-balance / failover list of them. */
const endpointList = z.union([endpointEntry, z.array(endpointEntry)]);

const endpointConfigSchema = z.looseObject({
  endpoint_type: z.string().default('http'),
  production_endpoints: endpointList.optional(),
  sandbox_endpoints: endpointList.optional(),
  // Portico's own: a workspace sequence (`sequences/<name>.yaml`) serving as the endpoint.
  production_sequence: z.string().min(1, 'must name a sequence (e.g. pet-profile)').optional(),
  sandbox_sequence: z.string().min(1, 'must name a sequence (e.g. pet-profile)').optional(),
});

/** How the contract writes a sequence endpoint: `sequence:<name>` in place of a URL. */
export const SEQUENCE_ENDPOINT_PREFIX = 'sequence:';

const operationSchema = z.looseObject({
  target: scalar.pipe(z.string().min(1, 'must be a non-empty path or field name')),
  verb: z.string().min(1, 'must be a method such as GET, QUERY or PUBLISH'),
  authType: z.string().optional(),
  throttlingPolicy: z.string().optional(),
  scopes: z.array(z.string()).optional(),
});

const dataSchema = z.looseObject({
  name: scalar.pipe(z.string().min(1, 'must be a non-empty API name')),
  context: z.string().startsWith('/', 'must start with "/" (e.g. /petstore)'),
  version: scalar.pipe(z.string().min(1, 'must be a non-empty version (e.g. 1.0.0)')),
  type: z.enum(Object.keys(apictlTypes) as [ApictlType, ...ApictlType[]]).default('HTTP'),
  isDefaultVersion: z.boolean().default(false),
  endpointConfig: endpointConfigSchema.nullable().optional(),
  operations: z.array(operationSchema).nullable().default([]),
  policies: z.array(z.string()).optional(),
  /** apictl's API-level rate limit: an API policy name. */
  apiThrottlingPolicy: z.string().optional(),
  securityScheme: z.array(z.string()).optional(),
  apiKeyHeader: z.string().optional(),
});

export const apiYamlSchema = z.looseObject({
  type: z.literal('api', { error: 'must be "api" (an apictl API project file)' }),
  version: z.string().default(API_YAML_VERSION),
  data: dataSchema,
});

export type ApiYaml = z.infer<typeof apiYamlSchema>;
export type ApiYamlData = ApiYaml['data'];
export type ApiYamlOperation = z.infer<typeof operationSchema>;

export type ApiYamlResult = { ok: true; value: ApiYaml } | { ok: false; message: string };

/** Reads `api.yaml` text; a failure says where (line, or field path) and what would be valid. */
export function parseApiYaml(content: string): ApiYamlResult {
  const doc = parseDocument(content, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const head = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, message: at ? `line ${at.line}, column ${at.col}: ${head}` : head };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  const parsed = apiYamlSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error.issues) };
  return { ok: true, value: parsed.data };
}

/** The first URL of an endpoint entry (or list), as `ApiDetail.endpoints` shows it. */
export function endpointUrl(entry: z.infer<typeof endpointList> | undefined): string | null {
  if (entry === undefined) return null;
  const first = Array.isArray(entry) ? entry[0] : entry;
  return first?.url ?? null;
}

/** An environment's endpoint as the contract shows it: its URL, `sequence:<name>`, or `null`. */
export function endpointValue(
  config: ApiYamlData['endpointConfig'],
  environment: 'production' | 'sandbox',
): string | null {
  const sequence = config?.[`${environment}_sequence`];
  if (sequence) return `${SEQUENCE_ENDPOINT_PREFIX}${sequence}`;
  return endpointUrl(config?.[`${environment}_endpoints`]);
}

/** Known keys first in this order, then the rest sorted, so output never depends on input order. */
function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value)
    .filter((k) => !keys.includes(k))
    .sort()) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

const dataOrder = [
  'name',
  'description',
  'context',
  'version',
  'provider',
  'lifeCycleStatus',
  'type',
  'isDefaultVersion',
  'transport',
  'tags',
  'policies',
  'apiThrottlingPolicy',
  'securityScheme',
  'apiKeyHeader',
  'endpointConfig',
  'operations',
];

export function serializeApiYaml(doc: ApiYaml): string {
  const { data } = doc;
  const endpointConfig = data.endpointConfig
    ? ordered(data.endpointConfig, [
        'endpoint_type',
        'production_endpoints',
        'sandbox_endpoints',
        'production_sequence',
        'sandbox_sequence',
      ])
    : data.endpointConfig;
  const operations = data.operations?.map((op) =>
    ordered(op, ['target', 'verb', 'authType', 'throttlingPolicy', 'scopes']),
  );
  const out = ordered(
    { ...doc, data: ordered({ ...data, endpointConfig, operations }, dataOrder) },
    ['type', 'version', 'data'],
  );
  return stringify(out, { lineWidth: 0, indent: 2 });
}

/** api.yaml operations for a definition's operations, keeping what each existing one already says. */
export function mergeOperations(
  existing: readonly ApiYamlOperation[] | null,
  derived: readonly Operation[],
): ApiYamlOperation[] {
  const known = new Map(
    (existing ?? []).map((op) => [`${op.verb.toUpperCase()} ${op.target}`, op]),
  );
  return derived.map((op) => {
    const prior = known.get(`${op.method} ${op.target}`);
    if (prior) return prior;
    return {
      target: op.target,
      verb: op.method,
      authType: DEFAULT_AUTH_TYPE,
      throttlingPolicy: UNLIMITED,
    };
  });
}

/** Endpoint settings in api.yaml form: a URL, `sequence:<name>`, or `null` to clear one. */
export function withEndpoints(
  data: ApiYamlData,
  endpoints: { production?: string | null; sandbox?: string | null },
): ApiYamlData {
  const config: NonNullable<ApiYamlData['endpointConfig']> = {
    endpoint_type: 'http',
    ...(data.endpointConfig ?? {}),
  };
  for (const [environment, value] of [
    ['production', endpoints.production],
    ['sandbox', endpoints.sandbox],
  ] as const) {
    if (value === undefined) continue;
    const urlKey = `${environment}_endpoints` as const;
    const sequenceKey = `${environment}_sequence` as const;
    delete config[urlKey];
    delete config[sequenceKey];
    if (value === null) continue;
    if (value.startsWith(SEQUENCE_ENDPOINT_PREFIX))
      config[sequenceKey] = value.slice(SEQUENCE_ENDPOINT_PREFIX.length);
    else config[urlKey] = { url: value };
  }
  return { ...data, endpointConfig: config };
}

/** A fresh api.yaml for an API created in the studio. */
export function newApiYaml(input: {
  name: string;
  version: string;
  context: string;
  type: ApictlType;
  productionUrl: string | null;
  operations: readonly Operation[];
}): ApiYaml {
  const data: ApiYamlData = {
    name: input.name,
    context: input.context,
    version: input.version,
    type: input.type,
    isDefaultVersion: false,
    policies: [UNLIMITED],
    securityScheme: ['oauth2', 'api_key'],
    endpointConfig: { endpoint_type: 'http' },
    operations: mergeOperations([], input.operations),
  };
  const withUrl = input.productionUrl
    ? withEndpoints(data, { production: input.productionUrl })
    : data;
  return { type: 'api', version: API_YAML_VERSION, data: withUrl };
}
