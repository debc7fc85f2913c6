import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTokenCheck, isLoopbackHost } from './http.js';

const withAuth = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe('admin http helpers', () => {
  it('recognizes loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'example.com'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('checks the bearer token', () => {
    const check = createTokenCheck('s3cret-token');
    expect(check(withAuth('Bearer s3cret-token'))).toBe(true);
    expect(check(withAuth('bearer s3cret-token'))).toBe(true);
    expect(check(withAuth('Bearer s3cret-tokem'))).toBe(false);
    expect(check(withAuth('Basic s3cret-token'))).toBe(false);
    expect(check(withAuth())).toBe(false);
    expect(createTokenCheck(null)(withAuth())).toBe(true);
  });
});
