import { describe, expect, it } from 'vitest';
import { fakeContext, type FakeRequest } from '../../test-support/context.js';
import { compileMatch, matchInput } from './conditions.js';

type Match = Parameters<typeof compileMatch>[0];

function matches(
  match: Match,
  request: FakeRequest = {},
  claims?: Record<string, unknown>,
): boolean {
  const ctx = fakeContext(request);
  if (claims)
    ctx.credential = {
      kind: 'jwt',
      applicationId: 'a',
      keyType: 'PRODUCTION',
      keyManager: 'km',
      subject: 'alice',
      claims,
    };
  return compileMatch(match)(matchInput(ctx));
}

describe('conditional groups', () => {
  it.each([
    [{ ip: '10.1.2.3' }, '10.1.2.3', true],
    [{ ip: '10.1.2.3' }, '::ffff:10.1.2.3', true],
    [{ ip: '10.1.2.3' }, '10.1.2.4', false],
    [{ ip: '2001:db8::1' }, '2001:0db8:0:0::1', true],
    [{ ipRange: '10.0.0.0/8' }, '10.200.0.1', true],
    [{ ipRange: '10.0.0.0/8' }, '11.0.0.1', false],
    [{ ipRange: '2001:db8::/32' }, '2001:db8:ffff::1', true],
    [{ ipRange: '10.0.0.0/8', invert: true }, '11.0.0.1', true],
  ])('%j for %s → %s', (match, remoteAddress, expected) => {
    expect(matches(match, { remoteAddress })).toBe(expected);
  });

  it('matches headers case-insensitively by name and exactly by value', () => {
    const match = { header: { name: 'X-Tier', value: 'free' } };
    expect(matches(match, { headers: { 'x-tier': 'free' } })).toBe(true);
    expect(matches(match, { headers: { 'x-tier': 'Free' } })).toBe(false);
    expect(matches(match)).toBe(false);
  });

  it('matches any value of a repeated query parameter', () => {
    const match = { query: { name: 'tier', value: 'free' } };
    expect(matches(match, { url: '/x?tier=paid&tier=free' })).toBe(true);
    expect(matches(match, { url: '/x?tier=paid' })).toBe(false);
    expect(matches(match, { url: '/x' })).toBe(false);
  });

  it('matches JWT claims: strings, numbers, arrays and dotted paths; never without a JWT', () => {
    expect(matches({ claim: { name: 'tier', value: 'gold' } }, {}, { tier: 'gold' })).toBe(true);
    expect(matches({ claim: { name: 'level', value: '3' } }, {}, { level: 3 })).toBe(true);
    expect(
      matches({ claim: { name: 'groups', value: 'ops' } }, {}, { groups: ['dev', 'ops'] }),
    ).toBe(true);
    expect(
      matches(
        { claim: { name: 'realm.roles', value: 'admin' } },
        {},
        { realm: { roles: ['admin'] } },
      ),
    ).toBe(true);
    expect(
      matches(
        { claim: { name: 'https://x.test/tier', value: 'gold' } },
        {},
        { 'https://x.test/tier': 'gold' },
      ),
    ).toBe(true);
    expect(matches({ claim: { name: 'tier', value: 'gold' } }, {}, { tier: 'silver' })).toBe(false);
    expect(matches({ claim: { name: 'tier', value: 'gold' } })).toBe(false);
    expect(matches({ claim: { name: 'tier', value: 'gold' }, invert: true })).toBe(true);
  });

  it('needs every part of a group to match, and inverts the whole group', () => {
    const both = { ipRange: '127.0.0.0/8', header: { name: 'x-tier', value: 'free' } };
    expect(matches(both, { headers: { 'x-tier': 'free' } })).toBe(true);
    expect(matches(both, { headers: { 'x-tier': 'paid' } })).toBe(false);
    expect(matches({ ...both, invert: true }, { headers: { 'x-tier': 'paid' } })).toBe(true);
    expect(matches({ ...both, invert: true }, { headers: { 'x-tier': 'free' } })).toBe(false);
  });
});
