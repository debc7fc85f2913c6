import { describe, expect, it } from 'vitest';
import { jwtAlgorithms, keyManagerSchema, type KeyManager } from '../model/bundle.js';
import {
  ASYMMETRIC_ALGORITHMS,
  defaultDiscoveryUrl,
  keyManagerDefaults,
  resolveKeyManager,
} from './key-manager-types.js';

const types = keyManagerSchema.shape.type.options;

describe('keyManagerDefaults', () => {
  it('has an entry for every key manager type of the bundle schema', () => {
    expect(Object.keys(keyManagerDefaults).sort()).toEqual([...types].sort());
  });

  it('never allows none or HMAC by default', () => {
    for (const type of types) {
      const defaults = keyManagerDefaults[type];
      expect(defaults.algorithms.length).toBeGreaterThan(0);
      for (const alg of defaults.algorithms) {
        expect(alg).not.toMatch(/^(none|HS\d+)$/i);
        expect(ASYMMETRIC_ALGORITHMS.has(alg)).toBe(true);
      }
    }
    expect([...ASYMMETRIC_ALGORITHMS].sort()).toEqual([...jwtAlgorithms].sort());
  });

  it('names the client claims each IdP puts in its access tokens', () => {
    expect(keyManagerDefaults.wso2is7.consumerKeyClaims[0]).toBe('azp');
    expect(keyManagerDefaults.keycloak.consumerKeyClaims[0]).toBe('azp');
    expect(keyManagerDefaults.auth0.consumerKeyClaims[0]).toBe('azp');
    expect(keyManagerDefaults.okta.consumerKeyClaims[0]).toBe('cid');
    expect(keyManagerDefaults.oidc.consumerKeyClaims).toEqual(['client_id', 'azp']);
    expect(keyManagerDefaults.okta.scopesClaims[0]).toBe('scp');
    expect(keyManagerDefaults.wso2is7.scopesClaims).toEqual(['scope']);
  });
});

describe('resolveKeyManager', () => {
  const base: KeyManager = {
    name: 'is7',
    type: 'wso2is7',
    issuer: 'https://is/oauth2/token',
    jwksUrl: 'https://is/oauth2/jwks',
  };

  it('fills in the type defaults', () => {
    const resolved = resolveKeyManager(base);
    expect(resolved.consumerKeyClaims).toEqual(['azp', 'client_id']);
    expect(resolved.scopesClaims).toEqual(['scope']);
    expect(resolved.clockSkewSec).toBe(60);
    expect(resolved.algorithms).toEqual([...jwtAlgorithms]);
    expect(resolved.audiences).toEqual([]);
  });

  it('lets the bundle override each default', () => {
    const resolved = resolveKeyManager({
      ...base,
      consumerKeyClaim: 'client_id',
      scopesClaim: 'scp',
      algorithms: ['ES256'],
      clockSkewSec: 0,
      audiences: ['https://api'],
    });
    expect(resolved.consumerKeyClaims).toEqual(['client_id']);
    expect(resolved.scopesClaims).toEqual(['scp']);
    expect(resolved.algorithms).toEqual(['ES256']);
    expect(resolved.clockSkewSec).toBe(0);
    expect(resolved.audiences).toEqual(['https://api']);
  });

  it('drops any algorithm that is not asymmetric even if the schema was bypassed', () => {
    const sneaky = { ...base, algorithms: ['HS256', 'none', 'RS256'] } as unknown as KeyManager;
    expect(resolveKeyManager(sneaky).algorithms).toEqual(['RS256']);
    const onlyHmac = { ...base, algorithms: ['HS256'] } as unknown as KeyManager;
    expect(resolveKeyManager(onlyHmac).algorithms).toEqual([]);
  });
});

describe('defaultDiscoveryUrl', () => {
  it('follows each type convention', () => {
    expect(defaultDiscoveryUrl('wso2is7', 'https://is:9443/oauth2/token')).toBe(
      'https://is:9443/oauth2/token/.well-known/openid-configuration',
    );
    expect(defaultDiscoveryUrl('keycloak', 'https://kc/realms/apis')).toBe(
      'https://kc/realms/apis/.well-known/openid-configuration',
    );
    expect(defaultDiscoveryUrl('auth0', 'https://tenant.auth0.com/')).toBe(
      'https://tenant.auth0.com/.well-known/openid-configuration',
    );
    expect(defaultDiscoveryUrl('okta', 'https://x.okta.com/oauth2/default')).toBe(
      'https://x.okta.com/oauth2/default/.well-known/oauth-authorization-server',
    );
    expect(defaultDiscoveryUrl('resident', 'portico-local')).toBeNull();
    expect(defaultDiscoveryUrl('oidc', 'not a url')).toBeNull();
  });
});
