import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Application } from '../model/bundle.js';
import { createCredentialIndex, hashApiKey } from './api-keys.js';

function app(id: string, keys: Application['keys']): Application {
  return { id, name: id, keys };
}

describe('hashApiKey', () => {
  it('is sha256: and the lowercase hex SHA-256 of the UTF-8 bytes', () => {
    const raw = 'pk_live_ümlaut_🔑';
    const expected = createHash('sha256').update(Buffer.from(raw, 'utf8')).digest('hex');
    expect(hashApiKey(raw)).toBe(`sha256:${expected}`);
    expect(hashApiKey(raw)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('matches a known vector', () => {
    expect(hashApiKey('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('createCredentialIndex', () => {
  const applications = [
    app('mobile', [
      {
        keyType: 'PRODUCTION',
        apiKeyHashes: [hashApiKey('prod-key-1'), hashApiKey('prod-key-2')],
        consumerKey: 'mobile-client',
        keyManager: 'is7',
      },
      {
        keyType: 'SANDBOX',
        apiKeyHashes: [hashApiKey('sandbox-key')],
        consumerKey: 'mobile-sandbox',
        keyManager: 'is7',
      },
    ]),
    app('web', [
      {
        keyType: 'PRODUCTION',
        apiKeyHashes: [hashApiKey('web-key')],
        consumerKey: 'mobile-client',
        keyManager: 'okta',
      },
    ]),
    app('dup', [{ keyType: 'SANDBOX', apiKeyHashes: [hashApiKey('prod-key-1')] }]),
  ];
  const index = createCredentialIndex(applications);

  it('finds the application and key type of a raw API key', () => {
    expect(index.byApiKey('prod-key-1')).toEqual({
      applicationId: 'mobile',
      keyType: 'PRODUCTION',
    });
    expect(index.byApiKey('prod-key-2')).toEqual({
      applicationId: 'mobile',
      keyType: 'PRODUCTION',
    });
    expect(index.byApiKey('sandbox-key')).toEqual({ applicationId: 'mobile', keyType: 'SANDBOX' });
    expect(index.byApiKey('web-key')).toEqual({ applicationId: 'web', keyType: 'PRODUCTION' });
  });

  it('refuses unknown, empty, near-miss and hash-shaped keys', () => {
    expect(index.byApiKey('prod-key-3')).toBeNull();
    expect(index.byApiKey('')).toBeNull();
    expect(index.byApiKey('prod-key-1 ')).toBeNull();
    // Presenting the stored hash itself must not work: only the raw key hashes to it.
    expect(index.byApiKey(hashApiKey('prod-key-1'))).toBeNull();
  });

  it('gives a duplicated hash to the first application in bundle order', () => {
    expect(index.byApiKey('prod-key-1')?.applicationId).toBe('mobile');
  });

  it('accepts stored hashes in upper case hex', () => {
    const upperHex = `sha256:${hashApiKey('k').slice('sha256:'.length).toUpperCase()}`;
    const upper = createCredentialIndex([
      app('x', [{ keyType: 'SANDBOX', apiKeyHashes: [upperHex] }]),
    ]);
    expect(upper.byApiKey('k')).toEqual({ applicationId: 'x', keyType: 'SANDBOX' });
  });

  it('maps a consumer key per key manager', () => {
    expect(index.byConsumerKey('is7', 'mobile-client')).toEqual({
      applicationId: 'mobile',
      keyType: 'PRODUCTION',
    });
    expect(index.byConsumerKey('is7', 'mobile-sandbox')).toEqual({
      applicationId: 'mobile',
      keyType: 'SANDBOX',
    });
    expect(index.byConsumerKey('okta', 'mobile-client')).toEqual({
      applicationId: 'web',
      keyType: 'PRODUCTION',
    });
    expect(index.byConsumerKey('keycloak', 'mobile-client')).toBeNull();
    expect(index.byConsumerKey('is7', 'web')).toBeNull();
  });

  it('returns copies, so a caller cannot corrupt the index', () => {
    const owner = index.byApiKey('web-key');
    if (owner) owner.applicationId = 'hijacked';
    expect(index.byApiKey('web-key')?.applicationId).toBe('web');
  });
});
