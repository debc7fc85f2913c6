/**
 * A plan or throttling policy as a workspace file, `policies/<kind>-<name>.yaml`
 * (`policies/subscription-Gold.yaml`, `policies/application-50PerMin.yaml`,
 * `policies/api-api-default.yaml`). The file holds `kind` and then the policy exactly
 * as the gateway bundle carries it, validated with the gateway's own schemas; keys
 * are written in one fixed order, so saving an unchanged policy rewrites the same
 * bytes and a change diffs as the lines that changed.
 */
import { parseDocument, stringify } from 'yaml';
import {
  apiPolicySchema,
  applicationPolicySchema,
  subscriptionPolicySchema,
  type ApiPolicy,
  type ApplicationPolicy,
  type SubscriptionPolicy,
} from '../../../gateway-runtime/src/index.js';
import { formatZodIssues } from '../zod-issues.js';

export const POLICIES_DIR = 'policies';

/** The three policy categories of a bundle's `policies`. */
export const policyKinds = ['subscription', 'application', 'api'] as const;
export type PolicyKind = (typeof policyKinds)[number];

/** A policy with its category, as one file holds it. */
export type PolicyDocument =
  | ({ kind: 'subscription' } & SubscriptionPolicy)
  | ({ kind: 'application' } & ApplicationPolicy)
  | ({ kind: 'api' } & ApiPolicy);

/** Names become part of a file name, so they keep to letters, digits, `.`, `_` and `-`. */
export const policyNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const policyNameRule =
  'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. Gold, 50PerMin)';

/** The gateway knows `Unlimited` in every category; a file may not redefine it. */
export const BUILT_IN_POLICY = 'Unlimited';

export type PolicyResult = { ok: true; policy: PolicyDocument } | { ok: false; message: string };

/** `policies/subscription-Gold.yaml`'s file name for a kind and name. */
export function policyFileName(kind: PolicyKind, name: string): string {
  return `${kind}-${name}.yaml`;
}

function kindOf(value: unknown): PolicyKind | string {
  if (value === undefined) return 'kind: is required: one of "subscription", "application", "api"';
  if (typeof value === 'string' && (policyKinds as readonly string[]).includes(value))
    return value as PolicyKind;
  return `kind: must be one of "subscription", "application", "api", got ${JSON.stringify(value)}`;
}

/** Validates a policy with its `kind`; messages name the field (`limit.requests: ...`). */
export function validatePolicy(input: unknown): PolicyResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, message: '(root): must be a mapping with kind, name and limit' };
  const { kind: rawKind, ...rest } = input as Record<string, unknown>;
  const kind = kindOf(rawKind);
  if (!(policyKinds as readonly string[]).includes(kind)) return { ok: false, message: kind };
  const name = rest.name;
  if (typeof name === 'string' && !policyNamePattern.test(name))
    return { ok: false, message: `name: ${policyNameRule}` };
  if (name === BUILT_IN_POLICY)
    return {
      ok: false,
      message: `name: "${BUILT_IN_POLICY}" is built into the gateway; pick another name`,
    };
  const schema =
    kind === 'subscription'
      ? subscriptionPolicySchema
      : kind === 'application'
        ? applicationPolicySchema
        : apiPolicySchema;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error.issues) };
  return { ok: true, policy: { kind, ...parsed.data } as PolicyDocument };
}

/** Reads a file's text; a problem names the field or the YAML error. */
export function parsePolicy(text: string): PolicyResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' };
  return validatePolicy(doc.toJS({ maxAliasCount: 100 }));
}

/** Drops absent keys, keeps the order the object literal gives. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

type Limit = ApiPolicy['limit'];
const limitOf = (l: Limit | undefined) =>
  l ? compact({ requests: l.requests, unitTime: l.unitTime, timeUnit: l.timeUnit }) : undefined;

const tokensOf = (t: SubscriptionPolicy['tokens']) =>
  t ? compact({ total: t.total, prompt: t.prompt, completion: t.completion }) : t;

const burstOf = (b: SubscriptionPolicy['burst']) => (b ? { requests: b.requests, per: b.per } : b);

const pair = (p: { name: string; value: string } | undefined) =>
  p ? { name: p.name, value: p.value } : undefined;

function conditionsOf(conditions: ApiPolicy['conditions']) {
  return conditions?.map((c) => ({
    match: compact({
      ip: c.match.ip,
      ipRange: c.match.ipRange,
      header: pair(c.match.header),
      query: pair(c.match.query),
      claim: pair(c.match.claim),
      invert: c.match.invert,
    }),
    limit: limitOf(c.limit),
  }));
}

/** The policy's YAML in the fixed key order. */
export function serializePolicy(policy: PolicyDocument): string {
  const head = { kind: policy.kind, name: policy.name, description: policy.description };
  let doc: Record<string, unknown>;
  switch (policy.kind) {
    case 'subscription': {
      const b = policy.billing;
      doc = compact({
        ...head,
        limit: limitOf(policy.limit),
        tokens: tokensOf(policy.tokens),
        burst: burstOf(policy.burst),
        stopOnQuotaReach: policy.stopOnQuotaReach,
        billing: b
          ? compact({
              model: b.model,
              currency: b.currency,
              pricePerRequest: b.pricePerRequest,
              pricePerMillionPromptTokens: b.pricePerMillionPromptTokens,
              pricePerMillionCompletionTokens: b.pricePerMillionCompletionTokens,
            })
          : undefined,
      });
      break;
    }
    case 'application':
      doc = compact({
        ...head,
        limit: limitOf(policy.limit),
        tokens: tokensOf(policy.tokens),
        burst: burstOf(policy.burst),
      });
      break;
    case 'api':
      doc = compact({
        ...head,
        limit: limitOf(policy.limit),
        conditions: conditionsOf(policy.conditions),
      });
      break;
  }
  return stringify(doc, { lineWidth: 0 });
}
