/**
 * Builds the gateway bundle (DESIGN.md section 3) the local gateway serves from the
 * open workspace's APIs. Everything in it comes from the folder, so the same
 * folder always yields the same bundle and the same `local-<hash>` revision.
 *
 * Operations map to HTTP as the gateway routes them: REST keeps its methods
 * (TRACE is not served); a GraphQL API is `POST /` and `GET /`; an AsyncAPI
 * channel's SUBSCRIBE is `GET` (an event stream) and PUBLISH is `POST`; a SOAP
 * operation is `POST /<operation>`. Only http(s) endpoints and sequences the
 * access snapshot carries are deployed: an API without one is still served, and
 * the gateway answers its calls with its catalogue error for a missing endpoint.
 */
import { createHash } from 'node:crypto';
import { parseBundle } from '../../gateway-runtime/src/index.js';
import type {
  AiVendor,
  ApiSpecInput,
  BundleIssue,
  DenylistEntry,
  GatewayBundle,
  GatewayBundleInput,
  KeyManager,
  Policies,
  Sequence,
  SubscriptionStatus,
} from '../../gateway-runtime/src/index.js';
import type { Operation } from '../ipc/contract.js';
import { endpointFor, sequencesContent } from './sequences/bundle-sequences.js';
import { operationKey, type ApiRecord } from './workspace/api-files.js';
import { aiEndpointsOf, aiVendorsContent } from './ai-vendors/ai-api.js';
import { UNLIMITED, apiTypeOf, apiTypeOfData, type ApiYamlData } from './workspace/api-yaml.js';

/** An application as a producer writes it into a bundle. */
export type ApplicationInput = NonNullable<GatewayBundleInput['applications']>[number];
type BundleOperation = NonNullable<ApiSpecInput['operations']>[number];
type HttpMethod = BundleOperation['method'];

const httpMethods = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * What the studio's store adds to the workspace's APIs: applications with their key
 * hashes and consumer keys, subscriptions, the resident key manager and the plans.
 * Subscriptions name APIs by workspace id (`PetStore-1.0.0`); the builder maps them
 * to bundle ids and leaves out those whose API is not in this workspace.
 */
export interface BundleAccess {
  applications: ApplicationInput[];
  subscriptions: {
    id: string;
    applicationId: string;
    apiId: string;
    plan: string;
    status: SubscriptionStatus;
  }[];
  keyManagers: KeyManager[];
  policies: Policies;
  /** The local denylist (studio store); absent for bundles pushed elsewhere. */
  denylist?: DenylistEntry[];
  /** The workspace's valid sequences (`sequences/*.yaml`); API endpoints may name them. */
  sequences?: readonly Sequence[];
  /** The workspace's valid `ai-vendors/*.yaml` entries (custom vendors, price tables). */
  aiVendors?: readonly AiVendor[];
}

/** Workspace resources alone, for a bundle that carries no store data (a revision). */
export type BundleResources = Pick<BundleAccess, 'sequences' | 'aiVendors'>;

export type BuildResult =
  { ok: true; bundle: GatewayBundle; revision: string } | { ok: false; issues: BundleIssue[] };

/** `PetStore-1.0.0` -> `petstore-1.0.0`: the API's id inside the bundle. */
export function bundleApiId(name: string, version: string): string {
  const slug = `${name}-${version}`
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'api';
}

/** The operations the definition yields, or the api.yaml's own when the definition does not parse. */
function sourceOperations(api: ApiRecord): Operation[] {
  if (api.parsed?.ok) return api.parsed.info.operations;
  return (api.apiYaml.data.operations ?? []).map((op) => ({
    method: op.verb.toUpperCase(),
    target: op.target,
  }));
}

function toHttp(
  type: ReturnType<typeof apiTypeOf>,
  op: Operation,
): { method: string; target: string }[] {
  const target = op.target.startsWith('/') ? op.target : `/${op.target}`;
  switch (type) {
    case 'GRAPHQL':
      return [
        { method: 'POST', target: '/' },
        { method: 'GET', target: '/' },
      ];
    case 'ASYNC':
      if (op.method === 'SUBSCRIBE') return [{ method: 'GET', target }];
      if (op.method === 'PUBLISH') return [{ method: 'POST', target }];
      return [];
    case 'SOAP':
      return [{ method: 'POST', target }];
    default:
      return [{ method: op.method.toUpperCase(), target }];
  }
}

function operationsFor(api: ApiRecord): BundleOperation[] {
  const data = api.apiYaml.data;
  const type = apiTypeOf(data.type);
  const settings = new Map(
    (data.operations ?? []).map((op) => [operationKey(op.verb, op.target), op]),
  );
  const seen = new Set<string>();
  const out: BundleOperation[] = [];
  for (const op of sourceOperations(api)) {
    const set = settings.get(operationKey(op.method, op.target));
    // apictl's `authType: None` opens an operation to anonymous callers.
    const open = set?.authType?.toLowerCase() === 'none';
    for (const mapped of toHttp(type, op)) {
      if (!httpMethods.has(mapped.method)) continue;
      const key = `${mapped.method} ${mapped.target.replace(/\{[^}]*\}/g, '{}')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const operation: BundleOperation = {
        method: mapped.method as HttpMethod,
        target: mapped.target,
        auth: open ? 'none' : 'required',
      };
      // Unlimited is what no policy means; the bundle leaves it out.
      if (set?.throttlingPolicy && set.throttlingPolicy !== UNLIMITED)
        operation.throttlingPolicy = set.throttlingPolicy;
      if (set?.scopes && set.scopes.length > 0) operation.scopes = set.scopes;
      out.push(operation);
    }
  }
  return out;
}

function securityFor(data: ApiYamlData): NonNullable<ApiSpecInput['security']> {
  const schemes = data.securityScheme ?? ['oauth2', 'api_key'];
  const security: NonNullable<ApiSpecInput['security']> = {};
  if (schemes.includes('api_key')) security.apiKey = { header: data.apiKeyHeader ?? 'apikey' };
  if (schemes.includes('oauth2')) security.oauth2 = { keyManagers: ['*'] };
  return security;
}

function apiSpec(api: ApiRecord, id: string, sequences: readonly Sequence[]): ApiSpecInput {
  const data = api.apiYaml.data;
  const spec: ApiSpecInput = {
    id,
    name: data.name,
    version: data.version,
    context: data.context,
    isDefaultVersion: data.isDefaultVersion,
    type: apiTypeOfData(data),
    operations: operationsFor(api),
    endpoints: {},
    security: securityFor(data),
    subscriptionRequired: true,
  };
  if (data.apiThrottlingPolicy && data.apiThrottlingPolicy !== UNLIMITED)
    spec.throttlingPolicy = data.apiThrottlingPolicy;
  const production = endpointFor(data.endpointConfig, 'production', sequences);
  const sandbox = endpointFor(data.endpointConfig, 'sandbox', sequences);
  if (production) spec.endpoints.production = production;
  if (sandbox) spec.endpoints.sandbox = sandbox;
  // An AI API's endpoint URLs point at its vendor (api.yaml's subtypeConfiguration).
  spec.endpoints = aiEndpointsOf(data) ?? spec.endpoints;
  // A multi-file definition travels bundled: a gateway has no workspace to resolve `$ref`s in.
  if (api.definition)
    spec.definition = {
      format: api.definition.format,
      content: api.definition.bundled ?? api.definition.content,
    };
  return spec;
}

/** `local-` and the first 12 hex digits of the SHA-256 of everything but the revision. */
export function revisionOf(bundle: Omit<GatewayBundleInput, 'revision'>): string {
  return `local-${createHash('sha256').update(JSON.stringify(bundle)).digest('hex').slice(0, 12)}`;
}

/**
 * Workspace API id (`PetStore-1.0.0`) → the id the bundle gives it (`petstore-1.0.0`);
 * two APIs whose slugs collide get `-2`, `-3` in workspace order.
 */
export function bundleApiIds(
  apis: readonly Pick<ApiRecord, 'id' | 'apiYaml'>[],
): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const api of apis) {
    const base = bundleApiId(api.apiYaml.data.name, api.apiYaml.data.version);
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    ids.set(api.id, id);
  }
  return ids;
}

/** Builds and validates the bundle; issues name the API by its workspace id (`apis[PetStore-1.0.0].context`). */
export function buildBundle(
  apis: readonly ApiRecord[],
  access?: BundleAccess | BundleResources,
): BuildResult {
  const ids = bundleApiIds(apis);
  const specs = apis.map((api) => apiSpec(api, ids.get(api.id) ?? api.id, access?.sequences ?? []));
  const content = {
    apiVersion: 'portico/v1' as const,
    kind: 'GatewayBundle' as const,
    apis: specs,
    ...(access && 'applications' in access ? accessContent(access, apis, specs) : {}),
    ...sequencesContent(access?.sequences),
    ...aiVendorsContent(access?.aiVendors),
  };
  const revision = revisionOf(content);
  const parsed = parseBundle({ ...content, revision });
  if (!parsed.ok) return { ok: false, issues: nameApis(parsed.issues, apis) };
  return { ok: true, bundle: parsed.bundle, revision };
}

function accessContent(
  access: BundleAccess,
  apis: readonly ApiRecord[],
  specs: readonly ApiSpecInput[],
): Pick<
  GatewayBundleInput,
  'applications' | 'subscriptions' | 'keyManagers' | 'policies' | 'denylist'
> {
  const bundleIds = new Map(apis.map((api, index) => [api.id, specs[index]?.id]));
  const subscriptions = access.subscriptions.flatMap((sub) => {
    const apiId = bundleIds.get(sub.apiId);
    return apiId ? [{ ...sub, apiId }] : [];
  });
  return {
    applications: access.applications,
    subscriptions,
    keyManagers: access.keyManagers,
    policies: access.policies,
    ...(access.denylist?.length ? { denylist: access.denylist } : {}),
  };
}

/** Rewrites `apis[2].context` as `apis[PetStore-1.0.0].context`, so a person knows which API. */
export function nameApis(
  issues: readonly BundleIssue[],
  apis: readonly Pick<ApiRecord, 'id'>[],
): BundleIssue[] {
  return issues.map((issue) => ({
    ...issue,
    path: issue.path.replace(/^apis\[(\d+)\]/, (whole, index: string) => {
      const api = apis[Number(index)];
      return api ? `apis[${api.id}]` : whole;
    }),
  }));
}
