/**
 * Conditional groups of an API policy over real requests: IP and IP range, header,
 * query parameter and JWT claim, each invertible.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import type { TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { keys } from '../../gateway-runtime/test-support/bundles.js';
import { send, type SimpleResponse } from './helpers/backend.js';
import {
  eventOf,
  perMin,
  policies,
  prod,
  statuses,
  throttled,
  useLimitsHarness,
} from './helpers/limits.js';

const h = useLimitsHarness();

describe('conditional groups', () => {
  async function token(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT({ azp: 'local-client', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('portico-local')
      .setSubject('alice')
      .setIssuedAt(Math.floor(h.now / 1000))
      .setExpirationTime(Math.floor(h.now / 1000) + 600)
      .sign(h.signingKey);
  }

  async function conditional(match: Record<string, unknown>): Promise<TestGateway> {
    return h.gateway(
      {
        ...policies({
          api: [{ name: 'cond', limit: perMin(3), conditions: [{ match, limit: perMin(1) }] }],
        }),
        applications: [
          {
            id: 'app-1',
            name: 'One',
            keys: [
              { keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] },
              {
                keyType: 'PRODUCTION',
                apiKeyHashes: [],
                consumerKey: 'local-client',
                keyManager: 'local',
              },
            ],
          },
          {
            id: 'app-2',
            name: 'Two',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
          },
        ],
      },
      { throttlingPolicy: 'cond' },
    );
  }

  /** Statuses of three matching requests, then of four that do not match. */
  async function split(
    gw: TestGateway,
    matching: () => Promise<SimpleResponse>,
    plain: () => Promise<SimpleResponse>,
  ) {
    const hit: number[] = [];
    for (let i = 0; i < 3; i++) hit.push((await matching()).status);
    const miss: number[] = [];
    for (let i = 0; i < 4; i++) miss.push((await plain()).status);
    return { hit, miss };
  }

  const get =
    (gw: TestGateway, path: string, headers: Record<string, string> = prod) =>
    () =>
      send(gw.url, path, { headers });

  it.each([
    ['ip', { ip: '127.0.0.1' }],
    ['ipRange', { ipRange: '127.0.0.0/8' }],
  ])('%s: the group limit applies to matching clients', async (_name, match) => {
    const gw = await conditional(match);
    expect(await statuses(gw, 2)).toEqual([200, 429]);
    expect((await eventOf(gw, await throttled(gw))).throttledBy).toBe('api:cond:condition[0]');
  });

  it('an inverted ipRange leaves matching clients on the default limit', async () => {
    const gw = await conditional({ ipRange: '127.0.0.0/8', invert: true });
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]);
    expect((await eventOf(gw, await throttled(gw))).throttledBy).toBe('api:cond');
  });

  it('header: only requests carrying it count against the group', async () => {
    const gw = await conditional({ header: { name: 'X-Tier', value: 'free' } });
    const { hit, miss } = await split(
      gw,
      get(gw, '/svc/v1/items', { ...prod, 'x-tier': 'free' }),
      get(gw, '/svc/v1/items', { ...prod, 'x-tier': 'paid' }),
    );
    expect(hit).toEqual([200, 429, 429]);
    expect(miss).toEqual([200, 200, 200, 429]);
  });

  it('query parameter, inverted: every request without it counts against the group', async () => {
    const gw = await conditional({ query: { name: 'tier', value: 'gold' }, invert: true });
    const { hit, miss } = await split(
      gw,
      get(gw, '/svc/v1/items?tier=free'),
      get(gw, '/svc/v1/items?tier=gold'),
    );
    expect(hit).toEqual([200, 429, 429]);
    expect(miss).toEqual([200, 200, 200, 429]);
  });

  it('JWT claim: matched on the validated token, never on API-key callers', async () => {
    const gw = await conditional({ claim: { name: 'tier', value: 'free' } });
    const free = `Bearer ${await token({ tier: 'free' })}`;
    const gold = `Bearer ${await token({ tier: 'gold' })}`;
    const { hit, miss } = await split(
      gw,
      get(gw, '/svc/v1/items', { authorization: free }),
      get(gw, '/svc/v1/items', { authorization: gold }),
    );
    expect(hit).toEqual([200, 429, 429]);
    expect(miss).toEqual([200, 200, 200, 429]);
  });
});
