import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import type { KeyType, Subscription, SubscriptionStatus } from '../model/bundle.js';
import type { Credential } from './context.js';
import type { CompiledApi } from './route.js';
import { subscribe, SubscriptionIndex } from './subscribe.js';

function attempt(
  status: SubscriptionStatus | null,
  keyType: KeyType,
  options: { subscriptionRequired?: boolean; credential?: Credential } = {},
) {
  const subs: Subscription[] = status
    ? [{ id: 's1', applicationId: 'app', apiId: 'api', plan: 'Gold', status }]
    : [];
  const ctx = fakeContext();
  ctx.api = {
    spec: { id: 'api', subscriptionRequired: options.subscriptionRequired ?? true },
  } as CompiledApi;
  ctx.credential = options.credential ?? { kind: 'apiKey', applicationId: 'app', keyType };
  subscribe(ctx, new SubscriptionIndex(subs));
  return ctx;
}

describe('subscribe', () => {
  it('lets UNBLOCKED through and records the plan', () => {
    expect(attempt('UNBLOCKED', 'PRODUCTION').plan).toBe('Gold');
  });

  it.each([
    ['BLOCKED', 'PRODUCTION', 'SUBSCRIPTION_BLOCKED'],
    ['BLOCKED', 'SANDBOX', 'SUBSCRIPTION_BLOCKED'],
    ['PROD_ONLY_BLOCKED', 'PRODUCTION', 'SUBSCRIPTION_BLOCKED'],
    ['ON_HOLD', 'PRODUCTION', 'SUBSCRIPTION_ON_HOLD'],
    ['REJECTED', 'SANDBOX', 'SUBSCRIPTION_REJECTED'],
  ] as const)('rejects %s for a %s key with %s (403)', (status, keyType, code) => {
    expect(() => attempt(status, keyType)).toThrow(expect.objectContaining({ code, status: 403 }));
  });

  it('lets sandbox keys through a PROD_ONLY_BLOCKED subscription', () => {
    expect(attempt('PROD_ONLY_BLOCKED', 'SANDBOX').plan).toBe('Gold');
  });

  it('rejects an application without a subscription', () => {
    expect(() => attempt(null, 'PRODUCTION')).toThrow(
      expect.objectContaining({ code: 'NOT_SUBSCRIBED' }),
    );
  });

  it('needs no subscription on a subscription-less API, even a blocked one', () => {
    expect(attempt(null, 'PRODUCTION', { subscriptionRequired: false }).plan).toBe('Unlimited');
    expect(attempt('BLOCKED', 'PRODUCTION', { subscriptionRequired: false }).plan).toBe(
      'Unlimited',
    );
  });

  it('counts a client certificate against its own plan, without a subscription', () => {
    const credential: Credential = {
      kind: 'certificate',
      alias: 'a',
      keyType: 'PRODUCTION',
      plan: 'Bronze',
    };
    expect(attempt(null, 'PRODUCTION', { credential }).plan).toBe('Bronze');
  });
});
