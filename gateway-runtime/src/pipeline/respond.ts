/**
 * Stage 8, respond: turns a rejection into the catalogue's JSON error, and, when the
 * response is over (sent, failed or abandoned by the client), produces the request's
 * one analytics event (with the sequence trace when the request ran sequences).
 */
import type { ServerResponse } from 'node:http';
import type { AnalyticsEvent } from '../analytics/event.js';
import { sendError, toGatewayError } from '../errors.js';
import type { Billing } from '../model/bundle.js';
import type { RequestContext } from './context.js';

/** Answers a rejection raised by any stage. */
export function respondWithError(ctx: RequestContext, error: unknown): void {
  const gatewayError = toGatewayError(error);
  ctx.errorCode = gatewayError.code;
  if (gatewayError.code === 'CLIENT_CLOSED_REQUEST') return;
  sendError(ctx.res, gatewayError);
}

/** What the request costs under its plan's billing. */
export function costOf(billing: Billing | undefined, ai: AnalyticsEvent['ai']): number {
  if (!billing || billing.model === 'FREE') return 0;
  let cost = billing.pricePerRequest ?? 0;
  if (ai) {
    cost += ((ai.promptTokens ?? 0) * (billing.pricePerMillionPromptTokens ?? 0)) / 1e6;
    cost += ((ai.completionTokens ?? 0) * (billing.pricePerMillionCompletionTokens ?? 0)) / 1e6;
  }
  return cost;
}

function finalStatus(ctx: RequestContext, res: ServerResponse): number {
  if (res.writableFinished) return res.statusCode;
  if (ctx.clientAborted || !res.headersSent) {
    ctx.errorCode ??= 'CLIENT_CLOSED_REQUEST';
    return 499;
  }
  // Headers went out and the backend then failed: report what went wrong, not the 200 it started with.
  return ctx.errorCode === 'BACKEND_TIMEOUT' ? 504 : 502;
}

/** The analytics event of a finished request. */
export function toEvent(ctx: RequestContext, now: number): AnalyticsEvent {
  const api = ctx.api?.spec;
  const status = finalStatus(ctx, ctx.res);
  const event: AnalyticsEvent = {
    timestamp: new Date(ctx.receivedAt).toISOString(),
    requestId: ctx.requestId,
    apiId: api?.id ?? null,
    apiVersion: api?.version ?? null,
    method: ctx.req.method ?? 'GET',
    operation: ctx.operation?.template ?? null,
    applicationId: ctx.applicationId,
    subscriptionPlan: ctx.plan,
    keyType: ctx.keyType,
    status,
    latencyMs: Math.round((now - ctx.startedAt) * 1000) / 1000,
    backendLatencyMs:
      ctx.backendLatencyMs === null ? null : Math.round(ctx.backendLatencyMs * 1000) / 1000,
    errorCode: ctx.errorCode,
    throttledBy: ctx.throttledBy,
  };
  if (ctx.ai) event.ai = ctx.ai;
  if (ctx.trace) event.trace = ctx.trace;
  return event;
}
