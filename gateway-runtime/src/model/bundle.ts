/**
 * The gateway bundle (`kind: GatewayBundle`, `apiVersion: portico/v1`): the one
 * document a gateway deploys (DESIGN.md section 3). Types are inferred from the
 * schemas; `GatewayBundle` is the parsed form (defaults filled in) and
 * `GatewayBundleInput` what a producer may write.
 */
import { z } from 'zod';
import { aiVendorSchema } from './ai-vendor.js';
import { apiSpecSchema } from './api.js';
import { keyType, name, strict } from './common.js';
import { checkReferences } from './references.js';
import { policiesSchema } from './policies.js';
import { sequenceSchema } from './sequences.js';

export * from './ai-vendor.js';
export * from './api.js';
export * from './policies.js';
export * from './sequences.js';
export { keyType, UNLIMITED } from './common.js';

/** JWT algorithms a key manager may allow; `none` and HMAC are never accepted. */
export const jwtAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const privateJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/**
 * A public JSON Web Key (RFC 7517); its members are the JWK spec's, not ours. `kty`
 * is typed optional (as jose's `JWK` type has it, so exported keys fit) but required.
 */
export const publicJwkSchema = z
  .looseObject({ kty: z.string().optional() })
  .refine((jwk) => typeof jwk.kty === 'string' && jwk.kty.length > 0, {
    message: 'is required: the key type (RSA, EC or OKP)',
    path: ['kty'],
  })
  .refine(
    (jwk) => !privateJwkMembers.some((member) => member in jwk),
    'must be a public key: remove the private members (d, p, q, dp, dq, qi, k)',
  );

/** An OAuth2 / OIDC server whose JWT access tokens the gateway accepts. */
export const keyManagerSchema = strict({
  name,
  type: z.enum(['wso2is7', 'keycloak', 'auth0', 'okta', 'oidc', 'resident']),
  /** The exact `iss` of its tokens. */
  issuer: z.string().min(1, 'must be a non-empty string'),
  discoveryUrl: z.url({ error: 'must be an absolute URL' }).optional(),
  jwksUrl: z.url({ error: 'must be an absolute URL' }).optional(),
  /** Inline public keys (the resident key manager, or an offline IdP). */
  jwks: strict({ keys: z.array(publicJwkSchema) }).optional(),
  /** The claim that holds the OAuth2 client id (`azp`, `client_id`, ...). */
  consumerKeyClaim: z.string().min(1).optional(),
  /** The claim that holds granted scopes (space-separated string or array). */
  scopesClaim: z.string().min(1).optional(),
  algorithms: z.array(z.enum(jwtAlgorithms)).min(1, 'must allow at least one algorithm').optional(),
  clockSkewSec: z
    .number()
    .int('must be a whole number')
    .nonnegative('must be 0 or more')
    .max(3600)
    .optional(),
  /** Audiences accepted for every API that names this key manager (in addition to the API's). */
  audiences: z.array(z.string().min(1)).optional(),
}).refine((km) => km.type !== 'resident' || km.jwksUrl !== undefined || km.jwks !== undefined, {
  // Other types fall back to discovery under their issuer.
  message: 'a resident key manager needs jwks (inline public keys) or jwksUrl',
  path: ['jwks'],
});

/** One set of credentials of an application. */
export const applicationKeySchema = strict({
  keyType,
  /** API keys as `sha256:<64 hex>` of the raw key; raw keys never enter a bundle. */
  apiKeyHashes: z
    .array(
      z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lowercase hex digits'),
    )
    .default([]),
  /** The OAuth2 client id at `keyManager`. */
  consumerKey: z.string().min(1).optional(),
  keyManager: name.optional(),
}).refine((key) => (key.consumerKey === undefined) === (key.keyManager === undefined), {
  message: 'consumerKey and keyManager go together: set both or neither',
  path: ['keyManager'],
});

/** A consumer application. */
export const applicationSchema = strict({
  id: name,
  name,
  description: z.string().optional(),
  owner: z.string().optional(),
  throttlingPolicy: name.nullable().optional(),
  keys: z.array(applicationKeySchema).default([]),
});

export const subscriptionStatus = z.enum([
  'UNBLOCKED',
  'BLOCKED',
  'PROD_ONLY_BLOCKED',
  'ON_HOLD',
  'REJECTED',
]);

/** An application's subscription to an API under a plan. */
export const subscriptionSchema = strict({
  id: name,
  applicationId: name,
  apiId: name,
  plan: name,
  status: subscriptionStatus.default('UNBLOCKED'),
});

export const denylistType = z.enum(['API', 'APPLICATION', 'IP', 'IP_RANGE', 'USER']);

/** A denylist entry: API id, application id, client IP, CIDR range, or user (JWT `sub`). */
export const denylistEntrySchema = strict({
  id: name,
  type: denylistType,
  value: z.string().min(1, 'must be a non-empty string'),
  enabled: z.boolean().default(true),
  description: z.string().optional(),
}).superRefine((entry, ctx) => {
  if (entry.type === 'IP' && !z.union([z.ipv4(), z.ipv6()]).safeParse(entry.value).success) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: 'must be an IPv4 or IPv6 address for type IP',
    });
  }
  if (
    entry.type === 'IP_RANGE' &&
    !z.union([z.cidrv4(), z.cidrv6()]).safeParse(entry.value).success
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: 'must be a CIDR range such as 203.0.113.0/24 or 2001:db8::/32 for type IP_RANGE',
    });
  }
});

/** The whole bundle, before cross-reference checks. */
export const bundleShapeSchema = strict({
  apiVersion: z.literal('portico/v1', { error: 'must be "portico/v1"' }),
  kind: z.literal('GatewayBundle', { error: 'must be "GatewayBundle"' }),
  /** A label for this deployment (`r-0007`, a content hash); shown by health. */
  revision: z.string().min(1, 'must be a non-empty string').max(200),
  description: z.string().optional(),
  apis: z.array(apiSpecSchema).default([]),
  applications: z.array(applicationSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
  policies: policiesSchema.default({ subscription: [], application: [], api: [] }),
  keyManagers: z.array(keyManagerSchema).default([]),
  aiVendors: z.array(aiVendorSchema).default([]),
  sequences: z.array(sequenceSchema).default([]),
  denylist: z.array(denylistEntrySchema).default([]),
});

/** The bundle schema, cross-references included. */
export const gatewayBundleSchema = bundleShapeSchema.superRefine(checkReferences);

export type GatewayBundle = z.infer<typeof gatewayBundleSchema>;
export type GatewayBundleInput = z.input<typeof gatewayBundleSchema>;
export type KeyManager = z.infer<typeof keyManagerSchema>;
export type ApplicationKey = z.infer<typeof applicationKeySchema>;
export type Application = z.infer<typeof applicationSchema>;
export type SubscriptionStatus = z.infer<typeof subscriptionStatus>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type DenylistType = z.infer<typeof denylistType>;
export type DenylistEntry = z.infer<typeof denylistEntrySchema>;
export type KeyType = z.infer<typeof keyType>;
