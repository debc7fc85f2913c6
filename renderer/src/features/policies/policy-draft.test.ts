import { describe, expect, it } from 'vitest';
import { denylistValueError } from './denylist-panel';
import {
  draftFrom,
  emptyCondition,
  emptyDraft,
  isCidr,
  policyFrom,
  validateDraft,
} from './policy-draft';

describe('the policy form draft', () => {
  it('names each wrong field and what would be valid', () => {
    const draft = {
      ...emptyDraft('api'),
      name: 'Gold Plan',
      limit: { requests: 'x', unitTime: '0', timeUnit: 'min' as const },
      conditions: [{ ...emptyCondition(), ipRange: '10.0.0.1', headerValue: 'v' }],
    };
    expect(Object.values(validateDraft(draft))).toEqual([
      'Name: 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. Gold)',
      'Request limit requests: must be a whole number 0 or more',
      'Request limit unit time: must be a whole number greater than 0',
      'Condition 1 IP range: must be a CIDR range such as 10.0.0.0/8',
      'Condition 1 header: name the header whose value must match',
      'Condition 1 limit requests: required, a whole number 0 or more',
    ]);
  });

  it('lets a subscription plan go without a request cap and round-trips its quotas and billing', () => {
    const plan = {
      kind: 'subscription' as const,
      name: 'AIGold',
      limit: { requests: null, unitTime: 1, timeUnit: 'hour' as const },
      tokens: { total: 50000, prompt: null, completion: 2000 },
      burst: { requests: 5, per: 'sec' as const },
      stopOnQuotaReach: false,
      billing: { model: 'COMMERCIAL' as const, currency: 'USD', pricePerMillionPromptTokens: 1.5 },
    };
    const draft = draftFrom(plan);
    expect(validateDraft(draft)).toEqual({});
    expect(policyFrom(draft)).toEqual(plan);
  });

  it('validates CIDR ranges and denylist values by type', () => {
    expect(isCidr('203.0.113.0/24')).toBe(true);
    expect(isCidr('2001:db8::/32')).toBe(true);
    expect(isCidr('10.0.0.0/33')).toBe(false);
    expect(denylistValueError('IP', '203.0.113.7')).toBeNull();
    expect(denylistValueError('IP', '999.1.1.1')).toMatch(/^Value: an IPv4 or IPv6 address/);
    expect(denylistValueError('API', 'petstore')).toMatch(/context and version/);
    expect(denylistValueError('API', '/petstore/1.0.0')).toBeNull();
    expect(denylistValueError('USER', 'a b')).toMatch(/without spaces/);
  });
});
