/**
 * What distinguishes one key manager type from another: only defaults. WSO2 Identity
 * Server 7, Keycloak, Auth0, Okta and a generic OIDC server all publish a JWKS and sign
 * JWT access tokens; they differ in the claim that names the OAuth2 client, the claim
 * (and its shape) that carries scopes, and where the discovery document sits. A key
 * manager in the bundle overrides any of these with `consumerKeyClaim`, `scopesClaim`,
 * `algorithms` and `clockSkewSec`.
 */
import type { KeyManager } from '../model/bundle.js';
import { jwtAlgorithms } from '../model/bundle.js';

export type KeyManagerType = KeyManager['type'];
export type JwtAlgorithm = (typeof jwtAlgorithms)[number];

/**
 * The only algorithms a key manager may ever allow: asymmetric signatures checked with
 * a public key. `none` is absent, and so is every HMAC (`HS*`), because a gateway that
 * verifies HMAC with a JWKS of public keys lets anyone who knows the public key sign.
 */
export const ASYMMETRIC_ALGORITHMS: ReadonlySet<string> = new Set<string>(jwtAlgorithms);

/** The defaults of one key manager type. */
export interface KeyManagerDefaults {
  /** Display name for the studio. */
  label: string;
  /** Claims tried in order for the OAuth2 client id; the first string value wins. */
  consumerKeyClaims: readonly string[];
  /** Claims tried in order for granted scopes; a space-separated string or an array of strings. */
  scopesClaims: readonly string[];
  /** Algorithms accepted when the key manager names none. */
  algorithms: readonly JwtAlgorithm[];
  /** Seconds of tolerance on `exp` and `nbf`. */
  clockSkewSec: number;
  /**
   * Where the discovery document sits relative to the issuer (`issuer` without a trailing
   * slash, then this path); null when the type has no discovery (resident).
   */
  discoveryPath: string | null;
  /** What an issuer of this type looks like, for the studio's form. */
  issuerExample: string;
}

const allAsymmetric: readonly JwtAlgorithm[] = jwtAlgorithms;
const openIdConfiguration = '/.well-known/openid-configuration';

/** Per-type defaults: the single place where key manager types differ. */
export const keyManagerDefaults = {
  // IS 7's JWT access tokens carry the client id twice, as `azp` and `client_id`; `azp`
  // is what WSO2 API Manager's IS7 connector reads. `scope` is a space-separated string.
  wso2is7: {
    label: 'WSO2 Identity Server 7',
    consumerKeyClaims: ['azp', 'client_id'],
    scopesClaims: ['scope'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: openIdConfiguration,
    issuerExample: 'https://is.example.com:9443/oauth2/token',
  },
  keycloak: {
    label: 'Keycloak',
    consumerKeyClaims: ['azp', 'client_id'],
    scopesClaims: ['scope'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: openIdConfiguration,
    issuerExample: 'https://keycloak.example.com/realms/apis',
  },
  // Auth0 issuers end with a slash (`https://tenant.auth0.com/`); `iss` must match it exactly.
  auth0: {
    label: 'Auth0',
    consumerKeyClaims: ['azp', 'client_id'],
    scopesClaims: ['scope'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: openIdConfiguration,
    issuerExample: 'https://tenant.auth0.com/',
  },
  // Okta access tokens name the client in `cid` and carry scopes as an array in `scp`;
  // custom authorization servers publish OAuth metadata for access tokens.
  okta: {
    label: 'Okta',
    consumerKeyClaims: ['cid', 'client_id'],
    scopesClaims: ['scp', 'scope'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: '/.well-known/oauth-authorization-server',
    issuerExample: 'https://example.okta.com/oauth2/default',
  },
  // RFC 9068 (JWT profile for access tokens) puts the client in `client_id`.
  oidc: {
    label: 'OpenID Connect',
    consumerKeyClaims: ['client_id', 'azp'],
    scopesClaims: ['scope', 'scp'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: openIdConfiguration,
    issuerExample: 'https://idp.example.com',
  },
  // The studio's built-in key manager: public keys inline, tokens minted for trial traffic.
  resident: {
    label: 'Portico (resident)',
    consumerKeyClaims: ['client_id', 'azp'],
    scopesClaims: ['scope'],
    algorithms: allAsymmetric,
    clockSkewSec: 60,
    discoveryPath: null,
    issuerExample: 'portico-local',
  },
} as const satisfies Record<KeyManagerType, KeyManagerDefaults>;

/** The settings of a key manager with its type's defaults filled in. */
export interface ResolvedKeyManager {
  name: string;
  type: KeyManagerType;
  issuer: string;
  consumerKeyClaims: readonly string[];
  scopesClaims: readonly string[];
  /** Never anything outside ASYMMETRIC_ALGORITHMS; empty means no token can verify. */
  algorithms: readonly JwtAlgorithm[];
  clockSkewSec: number;
  audiences: readonly string[];
}

/** Fills in a key manager's defaults and drops any algorithm that is not asymmetric. */
export function resolveKeyManager(km: KeyManager): ResolvedKeyManager {
  const defaults: KeyManagerDefaults = keyManagerDefaults[km.type];
  const algorithms = (km.algorithms ?? defaults.algorithms).filter((alg) =>
    ASYMMETRIC_ALGORITHMS.has(alg),
  );
  return {
    name: km.name,
    type: km.type,
    issuer: km.issuer,
    consumerKeyClaims: km.consumerKeyClaim ? [km.consumerKeyClaim] : defaults.consumerKeyClaims,
    scopesClaims: km.scopesClaim ? [km.scopesClaim] : defaults.scopesClaims,
    algorithms,
    clockSkewSec: km.clockSkewSec ?? defaults.clockSkewSec,
    audiences: km.audiences ?? [],
  };
}

/**
 * The discovery URL a key manager of this type publishes for `issuer`, by its type's
 * convention; null for the resident type. The studio offers it when a user adds a key manager.
 */
export function defaultDiscoveryUrl(type: KeyManagerType, issuer: string): string | null {
  const path: string | null = keyManagerDefaults[type].discoveryPath;
  if (path === null || !URL.canParse(issuer)) return null;
  return issuer.replace(/\/+$/, '') + path;
}
