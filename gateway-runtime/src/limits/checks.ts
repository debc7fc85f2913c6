/**
 * Which counters one request counts against, in the order DESIGN.md section 4 gives:
 * burst, then application, subscription, API (with conditional groups) and
 * operation policies. The store checks and consumes them in one atomic step.
 */
import type { GatewayBundle } from '../model/bundle.js';
import type { RequestContext } from '../pipeline/context.js';
import { counterKeys, type RateCheck } from '../stores/counter-store.js';
import {
  applicationPoliciesOf,
  limitsOf,
  type CompiledApiPolicy,
  type CompiledPlan,
  type TokenDimension,
} from './compile.js';
import { matchInput, type MatchInput } from './conditions.js';
import type { Rate } from './gcra.js';

/** A check with the name analytics and headers give it (`subscription:Gold`, `api:api-default:condition[0]`). */
export interface PlannedCheck extends RateCheck {
  label: string;
  /** Listed in the RateLimit headers (request counts; token checks are not). */
  advertise: boolean;
}

/** A token counter to charge once the call's usage is known. */
export interface TokenCounter {
  key: string;
  rate: Rate;
  dimension: TokenDimension;
  label: string;
}

export interface RequestLimits {
  checks: PlannedCheck[];
  tokens: TokenCounter[];
}

const NONE: RequestLimits = { checks: [], tokens: [] };

function planLevel(
  out: RequestLimits,
  level: 'application' | 'subscription',
  plan: CompiledPlan,
  key: (dimension: string) => string,
): void {
  if (plan.requests) {
    out.checks.push({
      key: key(plan.name),
      rate: plan.requests,
      cost: 1,
      hard: plan.hard,
      consume: true,
      label: `${level}:${plan.name}`,
      advertise: true,
    });
  }
  for (const { dimension, rate } of plan.tokens) {
    const counter = {
      key: key(`${plan.name}/${dimension}`),
      rate,
      dimension,
      label: `${level}:${plan.name}:${dimension}`,
    };
    // Checked now (is any quota left?), charged after the call by chargeTokens.
    out.checks.push({
      key: counter.key,
      rate,
      cost: 1,
      hard: plan.hard,
      consume: false,
      label: counter.label,
      advertise: false,
    });
    out.tokens.push(counter);
  }
}

function apiLevel(
  out: RequestLimits,
  level: 'api' | 'operation',
  policy: CompiledApiPolicy,
  key: (dimension: string) => string,
  input: MatchInput,
): void {
  let matched = false;
  policy.conditions.forEach((condition, i) => {
    if (!condition.match(input)) return;
    matched = true;
    const label = `${level}:${policy.name}:condition[${i}]`;
    out.checks.push({
      key: key(`condition/${i}`),
      rate: condition.rate,
      cost: 1,
      hard: true,
      consume: true,
      label,
      advertise: true,
    });
  });
  // A request that matches no group counts against the default limit only.
  if (!matched && policy.rate) {
    out.checks.push({
      key: key('default'),
      rate: policy.rate,
      cost: 1,
      hard: true,
      consume: true,
      label: `${level}:${policy.name}`,
      advertise: true,
    });
  }
}

/** The counters of one request under the deployment's bundle. */
export function planChecks(ctx: RequestContext, bundle: GatewayBundle): RequestLimits {
  const api = ctx.api;
  if (!api) return NONE;
  const apiId = api.spec.id;
  const limits = limitsOf(bundle.policies);
  const credential = ctx.credential;
  const appId = ctx.applicationId;

  // Subscription counters belong to the application, or to the client certificate when there is none.
  let subscriptionKey: ((dimension: string) => string) | null = null;
  if (appId !== null) subscriptionKey = (d) => counterKeys.subscription(appId, apiId, d);
  else if (credential?.kind === 'certificate')
    subscriptionKey = (d) => counterKeys.certificate(apiId, credential.alias, d);
  const plan = subscriptionKey && ctx.plan !== null ? limits.plans.get(ctx.plan) : undefined;
  const appPolicyName =
    appId === null ? undefined : applicationPoliciesOf(bundle.applications).get(appId);
  const appPolicy =
    appPolicyName === undefined ? undefined : limits.applicationPolicies.get(appPolicyName);
  const apiPolicyName = api.spec.throttlingPolicy;
  const apiPolicy = apiPolicyName ? limits.apiPolicies.get(apiPolicyName) : undefined;
  const operation = ctx.operation;
  const operationPolicy = operation?.throttlingPolicy
    ? limits.apiPolicies.get(operation.throttlingPolicy)
    : undefined;
  if (!plan && !appPolicy && !apiPolicy && !operationPolicy) return NONE;

  const out: RequestLimits = { checks: [], tokens: [] };
  const appKey = appId === null ? null : (d: string) => counterKeys.application(appId, d);
  if (appPolicy?.burst && appKey) {
    out.checks.push({
      key: appKey(`${appPolicy.name}/burst`),
      rate: appPolicy.burst,
      cost: 1,
      hard: true,
      consume: true,
      label: `application:${appPolicy.name}:burst`,
      advertise: true,
    });
  }
  if (plan?.burst && subscriptionKey) {
    out.checks.push({
      key: subscriptionKey(`${plan.name}/burst`),
      rate: plan.burst,
      cost: 1,
      hard: true,
      consume: true,
      label: `subscription:${plan.name}:burst`,
      advertise: true,
    });
  }
  if (appPolicy && appKey) planLevel(out, 'application', appPolicy, appKey);
  if (plan && subscriptionKey) planLevel(out, 'subscription', plan, subscriptionKey);
  const input = matchInput(ctx);
  if (apiPolicy)
    apiLevel(
      out,
      'api',
      apiPolicy,
      (d) => counterKeys.api(apiId, `policy/${apiPolicy.name}/${d}`),
      input,
    );
  if (operationPolicy && operation) {
    const op = `op/${operation.method} ${operation.template}/${operationPolicy.name}`;
    apiLevel(out, 'operation', operationPolicy, (d) => counterKeys.api(apiId, `${op}/${d}`), input);
  }
  return out;
}
