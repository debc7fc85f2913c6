/**
 * Throttling policies compiled for serving: every limit of the bundle becomes a GCRA
 * rate once per deployment (cached by the bundle's `policies` and `applications`
 * objects, which derived deployments — subscription or denylist edits — share), so a
 * request only looks names up and builds its counter keys.
 */
import {
  UNLIMITED,
  type Application,
  type Limit,
  type Policies,
  type TokenQuota,
} from '../model/bundle.js';
import { compileMatch, type Matcher } from './conditions.js';
import { rateOf, type Rate } from './gcra.js';

/** Token dimensions, named as the analytics event names them. */
export const tokenDimensions = ['totalTokens', 'promptTokens', 'completionTokens'] as const;
export type TokenDimension = (typeof tokenDimensions)[number];

/** A subscription plan or an application policy, ready to count. */
export interface CompiledPlan {
  name: string;
  /** Requests per window; null when the plan caps no requests. */
  requests: Rate | null;
  burst: Rate | null;
  /** Token quotas over the plan's window. */
  tokens: { dimension: TokenDimension; rate: Rate }[];
  /** False for `stopOnQuotaReach: false`: over the quota passes, marked in analytics. */
  hard: boolean;
}

/** An API (or operation) policy: a default limit and conditional groups. */
export interface CompiledApiPolicy {
  name: string;
  /** The default limit; null when it caps no requests (only its groups count). */
  rate: Rate | null;
  conditions: { match: Matcher; rate: Rate }[];
}

export interface CompiledLimits {
  plans: Map<string, CompiledPlan>;
  applicationPolicies: Map<string, CompiledPlan>;
  apiPolicies: Map<string, CompiledApiPolicy>;
}

const unitMs = {
  sec: 1000,
  min: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  // Calendar months and years vary; GCRA needs a fixed period.
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
} as const;

/** A limit's window in milliseconds. */
export function periodMs(limit: Pick<Limit, 'unitTime' | 'timeUnit'>): number {
  return limit.unitTime * unitMs[limit.timeUnit];
}

function tokenRates(
  tokens: TokenQuota | null | undefined,
  limit: Limit | undefined,
): CompiledPlan['tokens'] {
  if (!tokens || !limit) return [];
  const window = periodMs(limit);
  const quotas: [TokenDimension, number | null | undefined][] = [
    ['totalTokens', tokens.total],
    ['promptTokens', tokens.prompt],
    ['completionTokens', tokens.completion],
  ];
  return quotas.flatMap(([dimension, quota]) =>
    quota === null || quota === undefined ? [] : [{ dimension, rate: rateOf(quota, window) }],
  );
}

interface PlanLike {
  name: string;
  limit?: Limit | undefined;
  tokens?: TokenQuota | null | undefined;
  burst?: { requests: number; per: 'sec' | 'min' } | null | undefined;
  stopOnQuotaReach?: boolean | undefined;
}

function compilePlan(plan: PlanLike): CompiledPlan {
  const requests = plan.limit?.requests;
  return {
    name: plan.name,
    requests:
      requests === null || requests === undefined || !plan.limit
        ? null
        : rateOf(requests, periodMs(plan.limit)),
    burst: plan.burst ? rateOf(plan.burst.requests, unitMs[plan.burst.per]) : null,
    tokens: tokenRates(plan.tokens, plan.limit),
    hard: plan.stopOnQuotaReach !== false,
  };
}

function rateOfLimit(limit: Limit): Rate | null {
  return limit.requests === null || limit.requests === undefined
    ? null
    : rateOf(limit.requests, periodMs(limit));
}

/** Compiles every policy of a bundle; `Unlimited` stays absent (no counter at all). */
export function compileLimits(policies: Policies): CompiledLimits {
  const plans = new Map(
    policies.subscription.filter((p) => p.name !== UNLIMITED).map((p) => [p.name, compilePlan(p)]),
  );
  const applicationPolicies = new Map(
    policies.application
      .filter((p) => p.name !== UNLIMITED)
      .map((p) => [p.name, { ...compilePlan(p), hard: true }]),
  );
  const apiPolicies = new Map<string, CompiledApiPolicy>();
  for (const policy of policies.api) {
    if (policy.name === UNLIMITED) continue;
    const rate = rateOfLimit(policy.limit);
    const conditions = (policy.conditions ?? []).flatMap((group) => {
      const groupRate = rateOfLimit(group.limit);
      return groupRate ? [{ match: compileMatch(group.match), rate: groupRate }] : [];
    });
    apiPolicies.set(policy.name, { name: policy.name, rate, conditions });
  }
  return { plans, applicationPolicies, apiPolicies };
}

const byPolicies = new WeakMap<Policies, CompiledLimits>();
const byApplications = new WeakMap<Application[], Map<string, string>>();

/** The compiled limits of a bundle, compiled on first use. */
export function limitsOf(policies: Policies): CompiledLimits {
  let compiled = byPolicies.get(policies);
  if (!compiled) {
    compiled = compileLimits(policies);
    byPolicies.set(policies, compiled);
  }
  return compiled;
}

/** Application id → its application policy name (absent: Unlimited). */
export function applicationPoliciesOf(applications: Application[]): Map<string, string> {
  let map = byApplications.get(applications);
  if (!map) {
    map = new Map(
      applications.flatMap((a) =>
        a.throttlingPolicy && a.throttlingPolicy !== UNLIMITED ? [[a.id, a.throttlingPolicy]] : [],
      ),
    );
    byApplications.set(applications, map);
  }
  return map;
}
