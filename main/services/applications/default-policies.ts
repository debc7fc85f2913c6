/**
 * The plan set of a workspace that has no `policies/*.yaml` file, following WSO2 API
 * Manager's defaults: Gold, Silver and Bronze subscription plans, 50/20/10 per
 * minute application policies, 50K/20K/10K per minute API policies. `Unlimited` is
 * built into the gateway in every category. The sample workspace ships these same
 * policies as files (`resources/sample-workspace/policies/`), where users edit them;
 * `main/services/policies/` reads a workspace's files and falls back to these.
 */
import type { Policies } from '../../../gateway-runtime/src/index.js';

export const UNLIMITED = 'Unlimited';

const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' as const });

export const defaultPolicies: Policies = {
  subscription: [
    { name: 'Gold', description: 'Allows 5000 requests per minute', limit: perMin(5000) },
    { name: 'Silver', description: 'Allows 2000 requests per minute', limit: perMin(2000) },
    { name: 'Bronze', description: 'Allows 1000 requests per minute', limit: perMin(1000) },
  ],
  application: [
    { name: '50PerMin', description: 'Allows 50 requests per minute', limit: perMin(50) },
    { name: '20PerMin', description: 'Allows 20 requests per minute', limit: perMin(20) },
    { name: '10PerMin', description: 'Allows 10 requests per minute', limit: perMin(10) },
  ],
  api: [
    { name: '50KPerMin', description: 'Allows 50000 requests per minute', limit: perMin(50000) },
    { name: '20KPerMin', description: 'Allows 20000 requests per minute', limit: perMin(20000) },
    { name: '10KPerMin', description: 'Allows 10000 requests per minute', limit: perMin(10000) },
  ],
};

/**
 * Where the applications services get the policy names they accept: the open
 * workspace's files (`PoliciesService`), or these defaults when none is given.
 */
export interface PolicyNameSource {
  /** Subscription plan names, `Unlimited` first. */
  subscription(): readonly string[];
  /** Application policy names, `Unlimited` first. */
  application(): readonly string[];
}

export const defaultPolicyNames: PolicyNameSource = {
  subscription: () => [UNLIMITED, ...defaultPolicies.subscription.map((p) => p.name)],
  application: () => [UNLIMITED, ...defaultPolicies.application.map((p) => p.name)],
};
