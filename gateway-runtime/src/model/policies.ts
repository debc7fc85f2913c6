/**
 * Throttling policies: subscription plans (business plans, with AI token quotas and
 * billing), application policies and API/operation policies with conditional groups.
 * `limits/` compiles and enforces them (GCRA; see README "Rate limits and plans").
 */
import { z } from 'zod';
import { name, strict } from './common.js';

/** The time unit of a limit window. */
export const timeUnit = z.enum(['sec', 'min', 'hour', 'day', 'month', 'year']);

/** A request budget per window: `requests` per `unitTime` `timeUnit`s. */
export const limitSchema = strict({
  /** Requests allowed per window; null or absent means no request cap (a token-only plan). */
  requests: z
    .number()
    .int('must be a whole number')
    .nonnegative('must be 0 or more')
    .nullable()
    .optional(),
  unitTime: z.number().int('must be a whole number').positive('must be greater than 0'),
  timeUnit,
});

const tokenCount = z
  .number()
  .int('must be a whole number')
  .nonnegative('must be 0 or more')
  .nullable()
  .optional();

/** AI token quotas counted over the plan's `limit` window; null means no quota of that kind. */
export const tokenQuotaSchema = strict({
  total: tokenCount,
  prompt: tokenCount,
  completion: tokenCount,
});

/** A short-window cap that protects a backend from spikes inside the main window. */
export const burstSchema = strict({
  requests: z.number().int('must be a whole number').positive('must be greater than 0'),
  per: z.enum(['sec', 'min']),
});

const price = z.number().nonnegative('must be 0 or more').optional();

/**
 * What a plan costs. Analytics `cost` sums, per request, `pricePerRequest` plus the
 * prompt and completion tokens times their price per million tokens.
 */
export const billingSchema = strict({
  model: z.enum(['FREE', 'COMMERCIAL']),
  /** ISO 4217 code, e.g. `USD`. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as USD')
    .optional(),
  pricePerRequest: price,
  pricePerMillionPromptTokens: price,
  pricePerMillionCompletionTokens: price,
});

/** A subscription (business) plan. */
export const subscriptionPolicySchema = strict({
  name,
  description: z.string().optional(),
  limit: limitSchema.optional(),
  tokens: tokenQuotaSchema.nullable().optional(),
  burst: burstSchema.nullable().optional(),
  /** When false, requests over the limit pass and are only counted (billed). */
  stopOnQuotaReach: z.boolean().optional(),
  billing: billingSchema.optional(),
}).refine(
  (plan) =>
    plan.limit !== undefined ||
    !plan.tokens ||
    Object.values(plan.tokens).every((q) => q === null || q === undefined),
  {
    // Token quotas count over the plan's window; without one they would mean nothing.
    message:
      'is required when tokens sets a quota: token quotas count over the limit window (requests may be null)',
    path: ['limit'],
  },
);

/** A policy shared by every subscription of one application. */
export const applicationPolicySchema = strict({
  name,
  description: z.string().optional(),
  limit: limitSchema,
  tokens: tokenQuotaSchema.nullable().optional(),
  burst: burstSchema.nullable().optional(),
});

const nameValue = strict({
  name: z.string().min(1, 'must be a non-empty string'),
  value: z.string(),
});

/** What a conditional group matches; every field it holds must match. */
export const conditionMatchSchema = strict({
  ip: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }).optional(),
  ipRange: z
    .union([z.cidrv4(), z.cidrv6()], {
      error: 'must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32',
    })
    .optional(),
  header: nameValue.optional(),
  query: nameValue.optional(),
  claim: nameValue.optional(),
  /** Match requests that do NOT match the rest of this group. */
  invert: z.boolean().optional(),
});

/** A conditional limit of an API policy. */
export const conditionGroupSchema = strict({
  match: conditionMatchSchema,
  limit: limitSchema,
});

/** An API or operation (advanced) policy. */
export const apiPolicySchema = strict({
  name,
  description: z.string().optional(),
  limit: limitSchema,
  conditions: z.array(conditionGroupSchema).optional(),
});

/** Every policy of the bundle, by category. */
export const policiesSchema = strict({
  subscription: z.array(subscriptionPolicySchema).default([]),
  application: z.array(applicationPolicySchema).default([]),
  api: z.array(apiPolicySchema).default([]),
});

export type Limit = z.infer<typeof limitSchema>;
export type TokenQuota = z.infer<typeof tokenQuotaSchema>;
export type Billing = z.infer<typeof billingSchema>;
export type SubscriptionPolicy = z.infer<typeof subscriptionPolicySchema>;
export type ApplicationPolicy = z.infer<typeof applicationPolicySchema>;
export type ApiPolicy = z.infer<typeof apiPolicySchema>;
export type ConditionGroup = z.infer<typeof conditionGroupSchema>;
export type Policies = z.infer<typeof policiesSchema>;
