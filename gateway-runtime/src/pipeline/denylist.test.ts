import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import type { DenylistEntry } from '../model/bundle.js';
import { compileDenylist, denyAfterAuth, denyBeforeAuth } from './denylist.js';
import type { CompiledApi } from './route.js';

const entries: DenylistEntry[] = [
  { id: '1', type: 'API', value: 'blocked-api', enabled: true },
  { id: '2', type: 'APPLICATION', value: 'bad-app', enabled: true },
  { id: '3', type: 'IP', value: '198.51.100.7', enabled: true },
  { id: '4', type: 'IP_RANGE', value: '203.0.113.0/24', enabled: true },
  { id: '5', type: 'IP_RANGE', value: '2001:db8::/32', enabled: true },
  { id: '6', type: 'USER', value: 'mallory', enabled: true },
  { id: '7', type: 'IP', value: '192.0.2.1', enabled: false },
];
const index = compileDenylist(entries);

function ctxFor(ip: string, apiId = 'ok-api') {
  const ctx = fakeContext({ remoteAddress: ip });
  ctx.api = { spec: { id: apiId } } as CompiledApi;
  return ctx;
}

describe('denylist', () => {
  it.each(['198.51.100.7', '203.0.113.99', '::ffff:203.0.113.5', '2001:db8::1'])(
    'blocks address %s (403)',
    (ip) => {
      expect(() => denyBeforeAuth(ctxFor(ip), index)).toThrow(
        expect.objectContaining({ code: 'DENYLISTED', status: 403 }),
      );
    },
  );

  it.each(['198.51.100.8', '203.0.114.1', '2001:db9::1', '192.0.2.1', '127.0.0.1'])(
    'lets %s through',
    (ip) => {
      expect(() => denyBeforeAuth(ctxFor(ip), index)).not.toThrow();
    },
  );

  it('blocks an API', () => {
    expect(() => denyBeforeAuth(ctxFor('127.0.0.1', 'blocked-api'), index)).toThrow(
      expect.objectContaining({ code: 'DENYLISTED' }),
    );
  });

  it('blocks an API named by context and version, and only that version', () => {
    const byContext = compileDenylist([
      { id: 'c', type: 'API', value: '/pets/1.0.0', enabled: true },
    ]);
    const ctx = fakeContext();
    ctx.api = { spec: { id: 'pets-v1', context: '/pets', version: '1.0.0' } } as CompiledApi;
    expect(() => denyBeforeAuth(ctx, byContext)).toThrow(
      expect.objectContaining({ code: 'DENYLISTED' }),
    );
    ctx.api = { spec: { id: 'pets-v2', context: '/pets', version: '2.0.0' } } as CompiledApi;
    expect(() => denyBeforeAuth(ctx, byContext)).not.toThrow();
  });

  it('blocks an application and a user after authentication', () => {
    const app = ctxFor('127.0.0.1');
    app.applicationId = 'bad-app';
    expect(() => denyAfterAuth(app, index)).toThrow(
      expect.objectContaining({ code: 'DENYLISTED' }),
    );
    const user = ctxFor('127.0.0.1');
    user.applicationId = 'good-app';
    user.subject = 'mallory';
    expect(() => denyAfterAuth(user, index)).toThrow(
      expect.objectContaining({ code: 'DENYLISTED' }),
    );
    user.subject = 'alice';
    expect(() => denyAfterAuth(user, index)).not.toThrow();
  });

  it('indexes no addresses when there are no IP entries', () => {
    expect(
      compileDenylist([{ id: 'x', type: 'USER', value: 'u', enabled: true }]).addresses,
    ).toBeNull();
  });
});
