/**
 * Stage 4, subscription: the caller's application must hold a subscription to the
 * API whose status lets it through, unless the API is subscription-less (any valid
 * credential passes) or the caller came with a client certificate (it counts
 * against the certificate's plan). Sets the plan the request counts against.
 */
import { GatewayError } from '../errors.js';
import { UNLIMITED, type Subscription } from '../model/bundle.js';
import type { RequestContext } from './context.js';

/** Subscriptions by application and API, built once per deployment (or subscription change). */
export class SubscriptionIndex {
  private readonly byPair = new Map<string, Subscription>();

  constructor(subscriptions: Subscription[]) {
    for (const sub of subscriptions)
      this.byPair.set(SubscriptionIndex.key(sub.applicationId, sub.apiId), sub);
  }

  private static key(applicationId: string, apiId: string): string {
    return `${applicationId}\u0000${apiId}`;
  }

  find(applicationId: string, apiId: string): Subscription | undefined {
    return this.byPair.get(SubscriptionIndex.key(applicationId, apiId));
  }
}

/** The subscription stage. */
export function subscribe(ctx: RequestContext, index: SubscriptionIndex): void {
  const api = ctx.api;
  const credential = ctx.credential;
  if (!api || !credential || credential.kind === 'anonymous') return;
  if (credential.kind === 'certificate') {
    ctx.plan = credential.plan ?? UNLIMITED;
    return;
  }
  if (!api.spec.subscriptionRequired) {
    // Subscription-less: the API's own policy and the default plan govern the caller.
    ctx.plan = UNLIMITED;
    return;
  }
  const sub = index.find(credential.applicationId, api.spec.id);
  if (!sub) {
    throw new GatewayError(
      'NOT_SUBSCRIBED',
      `Application ${credential.applicationId} has no subscription to ${api.spec.id}`,
    );
  }
  ctx.plan = sub.plan;
  switch (sub.status) {
    case 'UNBLOCKED':
      return;
    case 'PROD_ONLY_BLOCKED':
      if (credential.keyType === 'SANDBOX') return;
      throw new GatewayError(
        'SUBSCRIPTION_BLOCKED',
        'The subscription is blocked for production keys; sandbox keys still work',
      );
    case 'BLOCKED':
      throw new GatewayError('SUBSCRIPTION_BLOCKED', `Subscription ${sub.id} is blocked`);
    case 'ON_HOLD':
      throw new GatewayError('SUBSCRIPTION_ON_HOLD', `Subscription ${sub.id} is pending approval`);
    case 'REJECTED':
      throw new GatewayError('SUBSCRIPTION_REJECTED', `Subscription ${sub.id} was rejected`);
  }
}
