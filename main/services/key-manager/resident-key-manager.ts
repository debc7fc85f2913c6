/**
 * The studio's built-in ("resident") key manager for trial traffic. One signing key
 * pair per user-data folder: generated on first use, its private JWK kept encrypted
 * in the store's secrets, its public JWKS put inline in every local bundle as key
 * manager `local` (issuer `portico-local`). `issueToken` mints a JWT whose
 * `client_id` is the application's consumer key at `local`, so the gateway maps it
 * to the application exactly as it maps tokens from an external key manager.
 */
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
} from 'jose';
import type { KeyManager } from '../../../gateway-runtime/src/index.js';
import { LOCAL_KEY_MANAGER, type KeyType } from '../applications/applications-service.js';
import { StudioError } from '../errors.js';

export const RESIDENT_ISSUER = 'portico-local';
/** The secret that holds the private key. */
export const RESIDENT_KEY_SECRET = 'portico.resident-key-manager.private-jwk';

export type ResidentAlgorithm = 'ES256' | 'RS256';

/** Where the private key is kept: the store's encrypted secrets. */
export interface SecretBox {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** Who the token is for: resolves the application's consumer key at `local`. */
export interface ConsumerKeys {
  localConsumerKey(applicationId: string, keyType: KeyType): string;
}

/** What `issueToken` receives. */
export interface TokenRequest {
  applicationId: string;
  keyType: KeyType;
  scopes?: string[];
  /** `aud`: needed when the API (or key manager) restricts audiences. */
  audience?: string | string[];
  /** Lifetime in seconds; default 3600, at most one day. */
  ttlSec?: number;
}

/** A minted token. */
export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  consumerKey: string;
  scopes: string[];
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

interface Loaded {
  privateKey: SigningKey;
  publicJwk: JWK;
  alg: ResidentAlgorithm;
}

export class ResidentKeyManager {
  private loaded: Promise<Loaded> | null = null;

  constructor(
    private readonly secrets: SecretBox,
    private readonly consumerKeys: ConsumerKeys,
    private readonly options: { algorithm?: ResidentAlgorithm; now?: () => Date } = {},
  ) {}

  /** The key manager entry of every local bundle (public key only). */
  async bundleEntry(): Promise<KeyManager> {
    const { publicJwk, alg } = await this.key();
    return {
      name: LOCAL_KEY_MANAGER,
      type: 'resident',
      issuer: RESIDENT_ISSUER,
      jwks: { keys: [publicJwk] },
      consumerKeyClaim: 'client_id',
      algorithms: [alg],
    };
  }

  async issueToken(request: TokenRequest): Promise<IssuedToken> {
    const ttl = request.ttlSec ?? 3600;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
      throw new StudioError(
        'VALIDATION',
        `ttlSec: must be a whole number of seconds from 1 to 86400; got ${ttl}`,
      );
    }
    const consumerKey = this.consumerKeys.localConsumerKey(request.applicationId, request.keyType);
    const { privateKey, publicJwk, alg } = await this.key();
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const scopes = request.scopes ?? [];
    const jwt = new SignJWT({
      client_id: consumerKey,
      azp: consumerKey,
      scope: scopes.join(' '),
      keytype: request.keyType,
    })
      .setProtectedHeader({ alg, kid: publicJwk.kid ?? '', typ: 'at+jwt' })
      .setIssuer(RESIDENT_ISSUER)
      .setSubject(request.applicationId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID());
    if (request.audience !== undefined) jwt.setAudience(request.audience);
    return {
      accessToken: await jwt.sign(privateKey),
      tokenType: 'Bearer',
      expiresAt: new Date((now + ttl) * 1000).toISOString(),
      consumerKey,
      scopes,
    };
  }

  private key(): Promise<Loaded> {
    this.loaded ??= this.loadOrCreate().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  private async loadOrCreate(): Promise<Loaded> {
    const stored = this.secrets.get(RESIDENT_KEY_SECRET);
    let privateJwk: JWK;
    if (stored !== undefined) {
      privateJwk = JSON.parse(stored) as JWK;
    } else {
      const alg = this.options.algorithm ?? 'ES256';
      const pair = await generateKeyPair(alg, { extractable: true });
      privateJwk = { ...(await exportJWK(pair.privateKey)), alg };
      privateJwk.kid = await calculateJwkThumbprint(privateJwk);
      this.secrets.set(RESIDENT_KEY_SECRET, JSON.stringify(privateJwk));
    }
    const alg = privateJwk.alg === 'RS256' ? 'RS256' : 'ES256';
    const publicJwk = publicPart(privateJwk);
    const privateKey = await importJWK(privateJwk, alg);
    return { privateKey, publicJwk, alg };
  }
}

/** The JWK without its private members. */
function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, k: _k, ...rest } = jwk;
  return { ...rest, use: 'sig' };
}
