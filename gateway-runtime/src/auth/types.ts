/**
 * The seam between the authenticate stage and the credential checks in this folder.
 * Every check returns a result, never throws for a bad credential: the stage maps
 * each `reason` to an entry of the error catalogue (401, or 403 for scopes).
 */
import type { JWTPayload } from 'jose';

export type KeyType = 'PRODUCTION' | 'SANDBOX';

export type AuthFailureReason =
  /** No credential of this kind was presented. */
  | 'MISSING'
  /** Malformed, bad signature, unknown key, disallowed algorithm, unknown issuer. */
  | 'INVALID'
  /** `exp` in the past or `nbf` in the future, beyond the key manager's clock skew. */
  | 'EXPIRED'
  /** The token's `aud` does not intersect the API's audiences. */
  | 'AUDIENCE'
  /** Valid token, but its consumer key maps to no application in the bundle. */
  | 'UNKNOWN_APPLICATION'
  /** Valid credential, but missing a scope the operation requires (403). */
  | 'SCOPE'
  /** The key manager's keys could not be fetched (JWKS or discovery unreachable). */
  | 'KEY_MANAGER_UNAVAILABLE';

export interface AuthFailure {
  ok: false;
  reason: AuthFailureReason;
  /** Human-readable detail for the error body's `description`; never echoes the secret. */
  description: string;
}

/** A JWT that verified against one of the bundle's key managers. */
export interface VerifiedJwt {
  ok: true;
  keyManager: string;
  claims: JWTPayload;
  subject: string | null;
  /** The value of the key manager's consumer key claim (`azp`, `client_id`, ...). */
  consumerKey: string | null;
  scopes: string[];
}

export type JwtResult = VerifiedJwt | AuthFailure;

/** The application a credential belongs to. */
export interface CredentialOwner {
  applicationId: string;
  keyType: KeyType;
}

/** A client certificate entry of an API that matched the presented certificate. */
export interface CertificateMatch {
  alias: string;
  keyType: KeyType;
  plan: string | null;
}
