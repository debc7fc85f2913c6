/**
 * An API as a gateway serves it: where it lives (context, version), its operations,
 * its endpoints (HTTP, sequence or AI vendor) and how callers authenticate.
 */
import { z } from 'zod';
import { httpUrl, keyType, name, strict, timeoutMs } from './common.js';
import { limitSchema, tokenQuotaSchema } from './policies.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const httpMethod = z.enum(httpMethods);

/** A path that starts with `/`; `{name}` segments are path parameters. */
const pathTemplate = z
  .string()
  .regex(/^\/[^\s?#]*$/, 'must start with "/" and hold no spaces, "?" or "#" (e.g. /pets/{id})');

/** One operation: method plus path template, relative to the API's context and version. */
export const operationSchema = strict({
  method: httpMethod,
  target: pathTemplate,
  /** `none` lets anonymous callers through (no credential, no subscription). */
  auth: z.enum(['required', 'none']).default('required'),
  /** OAuth2 scopes the caller's token must all hold. */
  scopes: z.array(z.string().min(1)).default([]),
  /** An API policy (`policies.api`) for this operation alone. */
  throttlingPolicy: name.nullable().optional(),
});

/** A plain HTTP(S) backend. */
export const httpEndpointSchema = strict({
  type: z.literal('http'),
  url: httpUrl,
  /** How long to wait for the backend's response headers and each body chunk (504 after). */
  timeoutMs: timeoutMs.default(30_000),
});

/** A sequence serving as the endpoint. */
export const sequenceEndpointSchema = strict({
  type: z.literal('sequence'),
  sequence: name,
});

const aiEndpointFields = {
  type: z.literal('ai'),
  /** An `aiVendors` entry's name, or a built-in vendor type. */
  vendor: name,
  /** The upstream base: the path after `/{context}/{version}` and the query are appended (Azure: up to the deployment). */
  url: httpUrl,
  /** Name of the secret that holds the vendor key (PUT /admin/v1/secrets/{name}). */
  secretRef: name.optional(),
  /** How long to wait for the vendor's response headers and between body chunks. */
  timeoutMs: timeoutMs.default(120_000),
  /** The model to ask for, replacing the client's `model` (a fallback to a cheaper model, a pinned version). */
  model: z.string().min(1, 'must be a non-empty string').optional(),
  /** Backend limit: requests per window toward this endpoint (its `tokens` quotas count over the same window). */
  limit: limitSchema.optional(),
  /** Backend token limits of this endpoint over `limit`'s window (a vendor's tokens-per-minute). */
  tokens: tokenQuotaSchema.nullable().optional(),
};

/** An AI vendor endpoint tried after its primary fails. */
export const aiFallbackSchema = strict(aiEndpointFields);

/** An AI vendor endpoint, with optional fallbacks tried in order. */
export const aiEndpointSchema = strict({
  ...aiEndpointFields,
  /** Tried in order when the one before answers 429 or 5xx, cannot be reached or times out, before any byte reached the client. */
  fallbacks: z.array(aiFallbackSchema).optional(),
}).superRefine((endpoint, ctx) => {
  [endpoint, ...(endpoint.fallbacks ?? [])].forEach((e, i) => {
    if (e.tokens && !e.limit) {
      const path = i === 0 ? ['tokens'] : ['fallbacks', i - 1, 'tokens'];
      ctx.addIssue({
        code: 'custom',
        path,
        message: 'needs a "limit" beside it: token limits count over its unitTime and timeUnit',
      });
    }
  });
});

export const endpointSchema = z.discriminatedUnion(
  'type',
  [httpEndpointSchema, sequenceEndpointSchema, aiEndpointSchema],
  {
    error: 'must have a "type" of http, sequence or ai',
  },
);

/** Production and sandbox endpoints; the credential's key type picks one. */
export const endpointsSchema = strict({
  production: endpointSchema.nullable().optional(),
  sandbox: endpointSchema.nullable().optional(),
});

/** A client certificate that authenticates callers of this API. */
export const mtlsCertificateSchema = strict({
  alias: name,
  keyType,
  pem: z
    .string()
    .regex(
      /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/,
      'must be a PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
    ),
  /** The subscription plan requests with this certificate count against. */
  plan: name.nullable().optional(),
});

/**
 * How callers authenticate. Absent: API key (header `apikey`) and OAuth2 with every key
 * manager. Present: only the methods it names.
 */
export const securitySchema = strict({
  apiKey: strict({ header: z.string().min(1).default('apikey') })
    .nullable()
    .optional(),
  oauth2: strict({
    /** Key manager names; `*` accepts every key manager of the bundle. */
    keyManagers: z.array(name).default(['*']),
    /** When set, a token's `aud` must hold at least one of these. */
    audiences: z.array(z.string().min(1)).optional(),
  })
    .nullable()
    .optional(),
  mtls: strict({
    /** When true, a request without a matching client certificate is rejected (401). */
    mandatory: z.boolean().default(false),
    certificates: z.array(mtlsCertificateSchema).default([]),
  })
    .nullable()
    .optional(),
});

const mediationRef = name.nullable().optional();

/** One API of the bundle. */
export const apiSpecSchema = strict({
  id: name,
  name,
  version: z
    .string()
    .regex(
      /^[A-Za-z0-9._~-]+$/,
      'must be a single path segment (letters, digits, ".", "_", "~", "-")',
    ),
  context: z
    .string()
    .regex(
      /^(\/[A-Za-z0-9._~-]+)+$/,
      'must be "/" followed by one or more path segments, without a trailing "/" (e.g. /petstore)',
    ),
  description: z.string().optional(),
  /** Also served at `/{context}/{path}`. */
  isDefaultVersion: z.boolean().default(false),
  type: z.enum(['REST', 'GRAPHQL', 'ASYNC', 'SOAP', 'AI']).default('REST'),
  definition: strict({
    format: z.enum(['openapi', 'graphql', 'asyncapi', 'wsdl']),
    content: z.string(),
  }).optional(),
  /** No operations: every path and method passes through to the endpoint. */
  operations: z.array(operationSchema).default([]),
  endpoints: endpointsSchema,
  security: securitySchema.optional(),
  /** False: any valid credential passes and counts against the API's policy. */
  subscriptionRequired: z.boolean().default(true),
  /** Subscription plans offered; a subscription must use one of them when set. */
  plans: z.array(name).default([]),
  throttlingPolicy: name.nullable().optional(),
  /** Request body cap in bytes (413 above it); default 50 MiB. */
  maxRequestBodyBytes: z
    .number()
    .int('must be a whole number')
    .positive('must be greater than 0')
    .optional(),
  mediation: strict({
    request: mediationRef,
    response: mediationRef,
    fault: mediationRef,
  }).optional(),
});

export type HttpMethod = z.infer<typeof httpMethod>;
export type Operation = z.infer<typeof operationSchema>;
export type HttpEndpoint = z.infer<typeof httpEndpointSchema>;
export type SequenceEndpoint = z.infer<typeof sequenceEndpointSchema>;
export type AiEndpoint = z.infer<typeof aiEndpointSchema>;
export type AiFallback = z.infer<typeof aiFallbackSchema>;
export type Endpoint = z.infer<typeof endpointSchema>;
export type MtlsCertificate = z.infer<typeof mtlsCertificateSchema>;
export type ApiSecurity = z.infer<typeof securitySchema>;
export type ApiSpec = z.infer<typeof apiSpecSchema>;
export type ApiSpecInput = z.input<typeof apiSpecSchema>;
