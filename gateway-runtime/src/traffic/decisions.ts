/**
 * What each pipeline stage decided, read back from the finished request's context:
 * the stage that raised the error code rejected, the ones before it passed, the ones
 * after it were not reached. Rate-limit checks come from the `RateLimit` headers the
 * throttle stage set, so the pipeline needs no extra bookkeeping for the log.
 */
import type { AnalyticsEvent } from '../analytics/event.js';
import type { ErrorCode } from '../errors.js';
import type { RequestContext } from '../pipeline/context.js';
import type { CompiledEndpoint } from '../pipeline/endpoint.js';
import {
  trafficStages,
  type StageOutcome,
  type ThrottleCheck,
  type TrafficDecisions,
  type TrafficStage,
} from './types.js';

/** The stage that raises each error code; codes not listed come from the endpoint. */
const stageOfError: Partial<Record<ErrorCode, TrafficStage>> = {
  API_NOT_FOUND: 'route',
  OPERATION_NOT_FOUND: 'route',
  METHOD_NOT_ALLOWED: 'route',
  DENYLISTED: 'denylist',
  MISSING_CREDENTIALS: 'authenticate',
  INVALID_CREDENTIALS: 'authenticate',
  TOKEN_EXPIRED: 'authenticate',
  INVALID_AUDIENCE: 'authenticate',
  UNKNOWN_APPLICATION: 'authenticate',
  CLIENT_CERTIFICATE_REQUIRED: 'authenticate',
  INSUFFICIENT_SCOPE: 'authenticate',
  KEY_MANAGER_UNAVAILABLE: 'authenticate',
  NOT_SUBSCRIBED: 'subscription',
  SUBSCRIPTION_BLOCKED: 'subscription',
  SUBSCRIPTION_ON_HOLD: 'subscription',
  SUBSCRIPTION_REJECTED: 'subscription',
  THROTTLED: 'throttle',
};

/** Parses `"name";k=1;k2=2, "other";k=3` (the RateLimit structured-field lists). */
export function parseSfList(header: string | undefined): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  if (!header) return out;
  for (const match of header.matchAll(/"((?:[^"\\]|\\.)*)"((?:;[a-z]+=\d+)*)/g)) {
    const name = (match[1] ?? '').replace(/\\(.)/g, '$1');
    const params: Record<string, number> = {};
    for (const p of (match[2] ?? '').matchAll(/;([a-z]+)=(\d+)/g))
      params[p[1] ?? ''] = Number(p[2]);
    out.set(name, params);
  }
  return out;
}

/** Each advertised rate-limit check, joined from `RateLimit-Policy` and `RateLimit`. */
export function throttleChecks(headers: Record<string, string>): ThrottleCheck[] {
  const policies = parseSfList(headers['ratelimit-policy']);
  const states = parseSfList(headers.ratelimit);
  return [...policies].map(([policy, p]) => {
    const s = states.get(policy) ?? {};
    return {
      policy,
      quota: p.q ?? 0,
      windowSec: p.w ?? 0,
      remaining: s.r ?? 0,
      resetSec: s.t ?? 0,
    };
  });
}

function endpointTarget(endpoint: CompiledEndpoint): string {
  if (endpoint.type === 'http') return endpoint.origin + endpoint.basePath;
  if (endpoint.type === 'ai') return endpoint.url;
  return endpoint.sequence;
}

function detailOf(stage: TrafficStage, d: TrafficDecisions, outcome: StageOutcome): string {
  if (outcome === 'not-reached') return 'not reached';
  if (outcome === 'rejected')
    return `${d.errorCode ?? 'rejected'}${d.errorMessage ? `: ${d.errorMessage}` : ''}`;
  switch (stage) {
    case 'route':
      return d.route
        ? `${d.route.apiName} ${d.route.apiVersion} ${d.route.operation ?? '(pass-through)'}`
        : 'matched';
    case 'denylist':
      return 'not blocked';
    case 'authenticate':
      return d.auth.credential
        ? `${d.auth.credential}${d.auth.keyType ? ` (${d.auth.keyType})` : ''}`
        : 'no credential needed';
    case 'subscription':
      return d.plan ? `plan ${d.plan}` : 'no subscription needed';
    case 'throttle':
      if (d.throttle.limitedBy) return `over ${d.throttle.limitedBy} (not enforced)`;
      return d.throttle.checks.length > 0
        ? d.throttle.checks.map((c) => `${c.policy}: ${c.remaining}/${c.quota} left`).join(', ')
        : 'no limits';
    case 'endpoint':
      return d.endpoint ? `${d.endpoint.type} ${d.endpoint.target}` : 'answered';
  }
}

/** The error message in a gateway error body (`{ code, message, description }`). */
function errorMessageOf(body: string | null): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { description?: unknown; message?: unknown };
    if (typeof parsed.description === 'string' && parsed.description) return parsed.description;
    return typeof parsed.message === 'string' ? parsed.message : null;
  } catch {
    return null;
  }
}

export function decisionsOf(
  ctx: RequestContext,
  event: AnalyticsEvent,
  responseHeaders: Record<string, string>,
  responseText: string | null,
): TrafficDecisions {
  const spec = ctx.api?.spec;
  const credential = ctx.credential;
  const keyType = ctx.keyType === 'SANDBOX' ? 'sandbox' : 'production';
  const chosen = ctx.api
    ? ctx.keyType === 'SANDBOX'
      ? ctx.api.endpoints.sandbox
      : ctx.api.endpoints.production
    : null;
  const errorCode = event.errorCode as ErrorCode | null;
  const failedAt: TrafficStage | null = errorCode
    ? (stageOfError[errorCode] ?? (ctx.api ? 'endpoint' : 'route'))
    : null;
  const reachedEndpoint =
    ctx.backendLatencyMs !== null || failedAt === 'endpoint' || (!failedAt && ctx.api !== null);
  const decisions: TrafficDecisions = {
    stages: [],
    route: spec
      ? {
          apiId: spec.id,
          apiName: spec.name,
          apiVersion: spec.version,
          context: spec.context,
          operation: ctx.operation?.template ?? null,
        }
      : null,
    auth: {
      credential: credential?.kind ?? null,
      keyType: credential && credential.kind !== 'anonymous' ? credential.keyType : null,
      keyManager: credential?.kind === 'jwt' ? credential.keyManager : null,
    },
    applicationId: ctx.applicationId,
    plan: ctx.plan,
    throttle: { checks: throttleChecks(responseHeaders), limitedBy: ctx.throttledBy },
    denylisted: errorCode === 'DENYLISTED',
    endpoint:
      chosen && reachedEndpoint
        ? {
            keyType,
            type: chosen.type,
            target: endpointTarget(chosen),
            ...(event.ai?.endpointIndex !== undefined && { index: event.ai.endpointIndex }),
          }
        : null,
    errorCode,
    errorMessage: errorCode ? errorMessageOf(responseText) : null,
  };
  const failedIndex = failedAt ? trafficStages.indexOf(failedAt) : trafficStages.length;
  decisions.stages = trafficStages.map((stage, i) => {
    const outcome: StageOutcome =
      i < failedIndex ? 'passed' : i === failedIndex ? 'rejected' : 'not-reached';
    return { stage, outcome, detail: detailOf(stage, decisions, outcome) };
  });
  return decisions;
}
