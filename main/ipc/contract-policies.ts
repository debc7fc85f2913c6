/**
 * The IPC contract for plans and policies (workspace files), the local denylist, a
 * subscription's plan change and an application's throttle reset. Part of the one
 * contract in `contract.ts`, which re-exports this file and spreads its channels into
 * the channel map. This file may import only zod: the renderer and the preload bundle it.
 *
 * The policy shapes here mirror the gateway's (`gateway-runtime/src/model/policies.ts`)
 * for typing only; the policies service validates with the gateway's own schemas.
 */
import { z } from 'zod';
import { subscriptionView } from './contract-access.js';

const empty = z.object({}).strict();

export const policyKind = z.enum(['subscription', 'application', 'api'], {
  error: 'kind: must be "subscription", "application" or "api"',
});
export type PolicyKind = z.infer<typeof policyKind>;

export const timeUnits = ['sec', 'min', 'hour', 'day', 'month', 'year'] as const;

const count = z.number().nullable().optional();

/** `requests` per `unitTime` `timeUnit`s; `requests: null` caps tokens only. */
export const policyLimit = z.object({
  requests: count,
  unitTime: z.number(),
  timeUnit: z.enum(timeUnits),
});
export type PolicyLimit = z.infer<typeof policyLimit>;

/** AI token quotas over the plan's window; null means no quota of that kind. */
export const tokenQuota = z.object({ total: count, prompt: count, completion: count });

const nameValue = z.object({ name: z.string(), value: z.string() });

/** One conditional group of an API policy: all that `match` holds must match. */
export const conditionGroup = z.object({
  match: z.object({
    ip: z.string().optional(),
    ipRange: z.string().optional(),
    header: nameValue.optional(),
    query: nameValue.optional(),
    claim: nameValue.optional(),
    invert: z.boolean().optional(),
  }),
  limit: policyLimit,
});
export type ConditionGroup = z.infer<typeof conditionGroup>;

const common = { name: z.string(), description: z.string().optional() };

/** A plan or policy with its kind, as `policies/<kind>-<name>.yaml` holds it. */
export const policyDocument = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('subscription'),
    ...common,
    limit: policyLimit.optional(),
    tokens: tokenQuota.nullable().optional(),
    burst: z
      .object({ requests: z.number(), per: z.enum(['sec', 'min']) })
      .nullable()
      .optional(),
    stopOnQuotaReach: z.boolean().optional(),
    billing: z
      .object({
        model: z.enum(['FREE', 'COMMERCIAL']),
        currency: z.string().optional(),
        pricePerRequest: z.number().optional(),
        pricePerMillionPromptTokens: z.number().optional(),
        pricePerMillionCompletionTokens: z.number().optional(),
      })
      .optional(),
  }),
  z.object({
    kind: z.literal('application'),
    ...common,
    limit: policyLimit,
    tokens: tokenQuota.nullable().optional(),
    burst: z
      .object({ requests: z.number(), per: z.enum(['sec', 'min']) })
      .nullable()
      .optional(),
  }),
  z.object({
    kind: z.literal('api'),
    ...common,
    limit: policyLimit,
    conditions: z.array(conditionGroup).optional(),
  }),
]);
export type PolicyDocument = z.infer<typeof policyDocument>;

export const denylistTypeSchema = z.enum(['API', 'APPLICATION', 'IP', 'IP_RANGE', 'USER'], {
  error: 'type: must be one of API, APPLICATION, IP, IP_RANGE, USER',
});
export type DenylistTypeName = z.infer<typeof denylistTypeSchema>;

/** A local denylist entry. */
export const denylistView = z.object({
  id: z.string(),
  type: denylistTypeSchema,
  value: z.string(),
  enabled: z.boolean(),
  description: z.string().nullable(),
  createdAt: z.string(),
});
export type DenylistView = z.infer<typeof denylistView>;

/** A denylist change; `applied` is false when no local gateway runs (its next deploy carries it). */
const denylistChange = z.object({ entry: denylistView.nullable(), applied: z.boolean() });

const idField = (what: string) =>
  z.string({ error: `id: the ${what} id is required` }).min(1, `id: the ${what} id is required`);

export const policiesChannels = {
  /** The workspace's plans and policies; the defaults when it has no policy file. */
  'policies.list': {
    request: empty,
    response: z.object({
      policies: z.array(policyDocument),
      problems: z.array(z.object({ path: z.string(), message: z.string() })),
      usingDefaults: z.boolean(),
    }),
  },
  /** Names subscriptions, applications and APIs or operations may use, `Unlimited` first. */
  'policies.names': {
    request: empty,
    response: z.object({
      subscription: z.array(z.string()),
      application: z.array(z.string()),
      api: z.array(z.string()),
    }),
  },
  /** Writes `policies/<kind>-<name>.yaml`; `previousName` renames. */
  'policies.save': {
    request: z.object({ policy: policyDocument, previousName: z.string().min(1).optional() }),
    response: policyDocument,
  },
  'policies.delete': {
    request: z.object({ kind: policyKind, name: z.string().min(1, 'name: is required') }),
    response: z.null(),
  },

  'denylist.list': {
    request: z.object({
      type: denylistTypeSchema.optional(),
      enabled: z.boolean().optional(),
      search: z.string().max(200, 'search: at most 200 characters').optional(),
    }),
    response: z.array(denylistView),
  },
  'denylist.add': {
    request: z.object({
      type: denylistTypeSchema,
      value: z.string({ error: 'value: is required' }).trim().min(1, 'value: is required'),
      enabled: z.boolean().optional(),
      description: z.string().optional(),
    }),
    response: denylistChange,
  },
  'denylist.setEnabled': {
    request: z.object({ id: idField('denylist entry'), enabled: z.boolean() }),
    response: denylistChange,
  },
  'denylist.delete': {
    request: z.object({ id: idField('denylist entry') }),
    response: denylistChange,
  },

  /** Clears the local gateway's counters of the application (its policy and its subscriptions'). */
  'applications.resetThrottle': {
    request: z.object({
      applicationId: z
        .string({ error: 'applicationId: the application id is required' })
        .min(1, 'applicationId: the application id is required'),
    }),
    response: z.object({ applicationId: z.string(), cleared: z.number() }),
  },
  /** Moves a subscription to another plan of the workspace, in place. */
  'subscriptions.changePlan': {
    request: z.object({
      id: idField('subscription'),
      plan: z.string({ error: 'plan: is required' }).min(1, 'plan: is required'),
    }),
    response: subscriptionView,
  },
} as const;
