/**
 * The gateway's credential checks: API keys, OAuth2 JWTs from key managers, client
 * certificates and scopes. The authenticate stage (../pipeline/authenticate.ts) calls
 * these; none of them throws for a bad credential.
 */
export * from './types.js';
export { hashApiKey, createCredentialIndex, type CredentialIndex } from './api-keys.js';
export {
  createJwtValidator,
  type JwtValidator,
  type JwtValidatorDeps,
  type JwtValidateOptions,
} from './jwt-validator.js';
export {
  createJwsVerifier,
  type JwsVerifier,
  type JwsResult,
  type VerifiedJws,
} from './jws-verify.js';
export {
  createCertificateMatcher,
  matchClientCertificate,
  type CertificateMatcher,
  type CertificateMatcherOptions,
} from './certificates.js';
export { hasScopes, parseScopes } from './scopes.js';
export {
  ASYMMETRIC_ALGORITHMS,
  defaultDiscoveryUrl,
  keyManagerDefaults,
  resolveKeyManager,
  type JwtAlgorithm,
  type KeyManagerDefaults,
  type KeyManagerType,
  type ResolvedKeyManager,
} from './key-manager-types.js';
export { MAX_TOKEN_LENGTH, parseCompactJws, type CompactJws } from './token-shape.js';
