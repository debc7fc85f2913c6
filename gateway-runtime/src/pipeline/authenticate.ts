/**
 * Stage 3, authenticate: a client certificate on the HTTPS listener, then an API key
 * in the API's header, then an OAuth2 bearer JWT. The credential checks themselves
 * live in ../auth; this stage picks which to run, maps their failures to catalogue
 * errors (401 with `WWW-Authenticate`, 403 for scopes) and records who called.
 */
import type { TLSSocket } from 'node:tls';
import type { CertificateMatch, CredentialOwner, JwtResult } from '../auth/types.js';
import { GatewayError, type ErrorCode } from '../errors.js';
import type { ApiSpec, MtlsCertificate } from '../model/bundle.js';
import type { RequestContext } from './context.js';

/** An API's authentication settings, resolved once per deployment. */
export interface CompiledSecurity {
  /** Lower-cased header that carries the API key; null when API keys are off. */
  apiKeyHeader: string | null;
  oauth2: {
    /** Accepted key managers; null accepts all. */
    keyManagers: Set<string> | null;
    keyManagerNames: string[] | null;
    audiences: string[] | undefined;
  } | null;
  mtls: { mandatory: boolean; certificates: MtlsCertificate[] } | null;
}

/** The credential checks this stage calls (../auth in production, fakes in unit tests). */
export interface AuthServices {
  byApiKey(raw: string): CredentialOwner | null;
  byConsumerKey(keyManager: string, consumerKey: string): CredentialOwner | null;
  validateJwt(
    token: string,
    options: { audiences?: string[]; keyManagers?: string[] },
  ): Promise<JwtResult>;
  matchClientCertificate(certificates: MtlsCertificate[], peerDer: Buffer): CertificateMatch | null;
  hasScopes(required: string[], granted: string[]): boolean;
}

export function compileSecurity(spec: ApiSpec): CompiledSecurity {
  const security = spec.security ?? {
    apiKey: { header: 'apikey' },
    oauth2: { keyManagers: ['*'] },
  };
  const oauth2 = security.oauth2;
  const mtls = security.mtls;
  return {
    apiKeyHeader: security.apiKey ? security.apiKey.header.toLowerCase() : null,
    oauth2: oauth2
      ? {
          keyManagers: oauth2.keyManagers.includes('*') ? null : new Set(oauth2.keyManagers),
          keyManagerNames: oauth2.keyManagers.includes('*') ? null : oauth2.keyManagers,
          audiences: oauth2.audiences,
        }
      : null,
    mtls:
      mtls && (mtls.mandatory || mtls.certificates.length > 0)
        ? { mandatory: mtls.mandatory, certificates: mtls.certificates }
        : null,
  };
}

const challenge = 'Bearer realm="portico"';

function unauthorized(code: ErrorCode, description: string, tokenPresented: boolean): GatewayError {
  return new GatewayError(code, description, {
    'www-authenticate': tokenPresented ? `${challenge}, error="invalid_token"` : challenge,
  });
}

const jwtFailure: Record<
  Exclude<Extract<JwtResult, { ok: false }>['reason'], 'SCOPE'>,
  ErrorCode
> = {
  MISSING: 'MISSING_CREDENTIALS',
  INVALID: 'INVALID_CREDENTIALS',
  EXPIRED: 'TOKEN_EXPIRED',
  AUDIENCE: 'INVALID_AUDIENCE',
  UNKNOWN_APPLICATION: 'UNKNOWN_APPLICATION',
  KEY_MANAGER_UNAVAILABLE: 'KEY_MANAGER_UNAVAILABLE',
};

/** The DER of the client certificate on a TLS connection, read once per connection. */
const peerCertificates = new WeakMap<object, Buffer | null>();
function peerDer(ctx: RequestContext, requireAuthorized: boolean): Buffer | null {
  if (ctx.protocol !== 'https') return null;
  const socket = ctx.req.socket as TLSSocket;
  let der = peerCertificates.get(socket);
  if (der === undefined) {
    const cert =
      typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : null;
    der = cert && cert.raw ? cert.raw : null;
    peerCertificates.set(socket, der);
  }
  // With a client CA configured, the chain must verify too, not only the pinned match.
  if (der && requireAuthorized && !socket.authorized) return null;
  return der;
}

function bearerToken(header: string | undefined): string | null {
  if (!header || header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  const token = header.slice(7).trim();
  return token.length > 0 ? token : null;
}

export interface AuthenticateOptions {
  /** A client CA was configured on the HTTPS listener: certificates must also verify against it. */
  clientCaConfigured: boolean;
}

/** The authenticate stage. */
export async function authenticate(
  ctx: RequestContext,
  services: AuthServices,
  options: AuthenticateOptions,
): Promise<void> {
  const api = ctx.api;
  const operation = ctx.operation;
  if (!api || !operation) return;
  if (operation.auth === 'none') {
    ctx.credential = { kind: 'anonymous' };
    ctx.keyType = 'PRODUCTION';
    return;
  }
  const { security } = api;

  if (security.mtls) {
    const der = peerDer(ctx, options.clientCaConfigured);
    const match = der ? services.matchClientCertificate(security.mtls.certificates, der) : null;
    if (match) {
      ctx.credential = {
        kind: 'certificate',
        alias: match.alias,
        keyType: match.keyType,
        plan: match.plan,
      };
      ctx.keyType = match.keyType;
      ctx.plan = match.plan;
      return;
    }
    if (security.mtls.mandatory) {
      throw unauthorized(
        'CLIENT_CERTIFICATE_REQUIRED',
        der
          ? 'The client certificate is not registered for this API'
          : 'Connect over HTTPS with a registered client certificate',
        false,
      );
    }
  }

  const headers = ctx.req.headers;
  if (security.apiKeyHeader) {
    const raw = headers[security.apiKeyHeader];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key) {
      const owner = services.byApiKey(key);
      if (!owner) throw unauthorized('INVALID_CREDENTIALS', 'The API key is not valid', false);
      if (operation.scopes.length > 0) {
        throw new GatewayError(
          'INSUFFICIENT_SCOPE',
          `This operation requires scopes (${operation.scopes.join(' ')}); use an OAuth2 token`,
        );
      }
      ctx.credential = {
        kind: 'apiKey',
        applicationId: owner.applicationId,
        keyType: owner.keyType,
      };
      ctx.applicationId = owner.applicationId;
      ctx.keyType = owner.keyType;
      return;
    }
  }

  const token = security.oauth2 ? bearerToken(headers.authorization) : null;
  if (!token || !security.oauth2) {
    const expected = [
      security.apiKeyHeader && `an API key in the "${security.apiKeyHeader}" header`,
      security.oauth2 && 'a bearer token',
    ]
      .filter(Boolean)
      .join(' or ');
    throw unauthorized(
      'MISSING_CREDENTIALS',
      expected ? `Send ${expected}` : 'This API accepts no credential',
      false,
    );
  }
  const { audiences, keyManagerNames } = security.oauth2;
  const result = await services.validateJwt(token, {
    ...(audiences && { audiences }),
    ...(keyManagerNames && { keyManagers: keyManagerNames }),
  });
  if (!result.ok) {
    if (result.reason === 'SCOPE') throw new GatewayError('INSUFFICIENT_SCOPE', result.description);
    throw unauthorized(jwtFailure[result.reason], result.description, true);
  }
  if (security.oauth2.keyManagers && !security.oauth2.keyManagers.has(result.keyManager)) {
    throw unauthorized(
      'INVALID_CREDENTIALS',
      `Tokens of key manager "${result.keyManager}" are not accepted by this API`,
      true,
    );
  }
  const owner =
    result.consumerKey === null
      ? null
      : services.byConsumerKey(result.keyManager, result.consumerKey);
  if (!owner) {
    throw unauthorized(
      'UNKNOWN_APPLICATION',
      'The token was issued to a client that is no application of this gateway',
      true,
    );
  }
  if (!services.hasScopes(operation.scopes, result.scopes)) {
    throw new GatewayError(
      'INSUFFICIENT_SCOPE',
      `The token lacks a required scope (${operation.scopes.join(' ')})`,
      {
        'www-authenticate': `${challenge}, error="insufficient_scope", scope="${operation.scopes.join(' ')}"`,
      },
    );
  }
  ctx.credential = {
    kind: 'jwt',
    applicationId: owner.applicationId,
    keyType: owner.keyType,
    keyManager: result.keyManager,
    subject: result.subject,
    claims: result.claims,
  };
  ctx.applicationId = owner.applicationId;
  ctx.keyType = owner.keyType;
  ctx.subject = result.subject;
}
