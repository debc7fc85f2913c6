/**
 * The plans every local bundle carries, so subscriptions and application policies
 * have something to name. They follow WSO2 API Manager's defaults (Gold, Silver,
 * Bronze subscription plans; 50/20/10 per minute application policies); `Unlimited`
 * is built into the gateway in every category. Workspace policy files are not read
 * yet: these are the whole plan set of the local gateway.
 */
import type { Policies } from '../../../gateway-runtime/src/index.js';

export const UNLIMITED = 'Unlimited';

export const defaultPolicies: Policies = {
  subscription: [
    { name: 'Gold', limit: { requests: 5000, unitTime: 1, timeUnit: 'min' } },
    { name: 'Silver', limit: { requests: 2000, unitTime: 1, timeUnit: 'min' } },
    { name: 'Bronze', limit: { requests: 1000, unitTime: 1, timeUnit: 'min' } },
  ],
  application: [
    { name: '50PerMin', limit: { requests: 50, unitTime: 1, timeUnit: 'min' } },
    { name: '20PerMin', limit: { requests: 20, unitTime: 1, timeUnit: 'min' } },
    { name: '10PerMin', limit: { requests: 10, unitTime: 1, timeUnit: 'min' } },
  ],
  api: [],
};

/** Subscription plan names a subscription may use. */
export const subscriptionPlanNames: readonly string[] = [
  UNLIMITED,
  ...defaultPolicies.subscription.map((p) => p.name),
];

/** Application policy names an application may use. */
export const applicationPolicyNames: readonly string[] = [
  UNLIMITED,
  ...defaultPolicies.application.map((p) => p.name),
];
