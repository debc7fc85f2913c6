import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import { costOf, toEvent } from './respond.js';
import type { CompiledApi } from './route.js';

describe('respond', () => {
  it('builds the analytics event from the context', () => {
    const ctx = fakeContext({ method: 'POST' });
    Object.assign(ctx.res, { writableFinished: true, statusCode: 201 });
    ctx.api = { spec: { id: 'svc', version: 'v1' } } as CompiledApi;
    ctx.operation = {
      method: 'POST',
      template: '/items',
      auth: 'required',
      scopes: [],
      throttlingPolicy: null,
    };
    ctx.applicationId = 'app-1';
    ctx.plan = 'Gold';
    ctx.keyType = 'PRODUCTION';
    ctx.backendLatencyMs = 1.23456;
    expect(toEvent(ctx, 12.5)).toEqual({
      timestamp: new Date(0).toISOString(),
      requestId: 'req-1',
      apiId: 'svc',
      apiVersion: 'v1',
      method: 'POST',
      operation: '/items',
      applicationId: 'app-1',
      subscriptionPlan: 'Gold',
      keyType: 'PRODUCTION',
      status: 201,
      latencyMs: 12.5,
      backendLatencyMs: 1.235,
      errorCode: null,
      throttledBy: null,
    });
  });

  it('records 499 when the client left before the response finished', () => {
    const ctx = fakeContext();
    ctx.clientAborted = true;
    const event = toEvent(ctx, 1);
    expect(event.status).toBe(499);
    expect(event.errorCode).toBe('CLIENT_CLOSED_REQUEST');
  });

  it('records 502 when the backend failed after the headers went out', () => {
    const ctx = fakeContext();
    Object.assign(ctx.res, { headersSent: true, statusCode: 200 });
    ctx.errorCode = 'BACKEND_UNREACHABLE';
    expect(toEvent(ctx, 1).status).toBe(502);
  });

  it('prices a request under its plan’s billing', () => {
    expect(costOf(undefined, undefined)).toBe(0);
    expect(costOf({ model: 'FREE', pricePerRequest: 5 }, undefined)).toBe(0);
    const ai = {
      vendor: 'openai',
      model: 'm',
      promptTokens: 1_000_000,
      completionTokens: 500_000,
      totalTokens: 1_500_000,
      cachedTokens: null,
      reasoningTokens: null,
      estimated: false,
    };
    expect(
      costOf(
        {
          model: 'COMMERCIAL',
          pricePerRequest: 0.5,
          pricePerMillionPromptTokens: 2,
          pricePerMillionCompletionTokens: 4,
        },
        ai,
      ),
    ).toBe(4.5);
  });
});
