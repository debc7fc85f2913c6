/**
 * A real external key manager for integration tests: oidc-provider on 127.0.0.1:0,
 * issuing JWT access tokens for the client-credentials grant with a resource indicator
 * (RFC 8707) as the audience. Keys can be rotated in place (same issuer, same port):
 * the old kid disappears from the JWKS and a new kid signs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';

/** An OAuth2 client registered at the provider. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
}

export interface StartOidcProviderOptions {
  /** Registered clients (client-credentials only). Default: `client-a` and `client-b`. */
  clients?: readonly string[];
  /** Scopes the resource server grants when asked. */
  scopes?: readonly string[];
  /** The audience of a token requested without `resource`. */
  defaultResource?: string;
  /** Access token lifetime in seconds (default 300). */
  accessTokenTtlSec?: number;
}

export interface TokenRequest {
  clientId: string;
  /** Space-separated scopes to request. */
  scope?: string;
  /** Resource indicator: becomes the token's `aud`. */
  resource?: string;
  /** Added to the token's claims (standard claims the provider sets win), e.g. `scp` or `nbf`. */
  extraClaims?: Record<string, unknown>;
}

export interface TestOidcProvider {
  issuer: string;
  discoveryUrl: string;
  jwksUrl: string;
  tokenUrl: string;
  clients: readonly TestClient[];
  defaultResource: string;
  /** The kid that signs tokens now. */
  readonly kid: string;
  /** Requests served so far, by path (`/jwks`, `/.well-known/openid-configuration`, `/token`). */
  hits(path: string): number;
  /** A fresh JWT access token from the token endpoint. */
  token(request: TokenRequest): Promise<string>;
  /** Replaces the signing key: the old kid leaves the JWKS, a new kid signs from now on. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

const ALG = 'RS256';

// Client-credentials JWTs are self-contained, so the provider stores next to nothing;
// a plain Map (one per model name) replaces its noisy development adapter.
function memoryAdapter(): (name: string) => Adapter {
  const stores = new Map<string, Map<string, AdapterPayload>>();
  return (name) => {
    const store = stores.get(name) ?? new Map<string, AdapterPayload>();
    stores.set(name, store);
    const findBy = (field: 'userCode' | 'uid', value: string) =>
      [...store.values()].find((p) => p[field] === value);
    return {
      upsert: async (id, payload) => void store.set(id, payload),
      find: async (id) => store.get(id),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      findByUid: async (uid) => findBy('uid', uid),
      consume: async (id) => {
        const payload = store.get(id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => void store.delete(id),
      revokeByGrantId: async (grantId) => {
        for (const [id, payload] of store) if (payload.grantId === grantId) store.delete(id);
      },
    };
  };
}

async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
}

/** Starts the provider; call `close()` in `afterAll`. */
export async function startOidcProvider(
  options: StartOidcProviderOptions = {},
): Promise<TestOidcProvider> {
  const clients: TestClient[] = (options.clients ?? ['client-a', 'client-b']).map((clientId) => ({
    clientId,
    clientSecret: `secret-of-${clientId}-that-is-long-enough`,
  }));
  const scopes = options.scopes ?? ['pets:read', 'pets:write', 'admin'];
  const defaultResource = options.defaultResource ?? 'https://api.portico.test';
  const ttl = options.accessTokenTtlSec ?? 300;
  const counts = new Map<string, number>();
  let generation = 0;
  let kid = '';
  let extraClaims: Record<string, unknown> | undefined;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (!handler) {
      res.writeHead(503).end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  async function install(): Promise<void> {
    generation += 1;
    const nextKid = `test-key-${generation}`;
    const configuration: Configuration = {
      adapter: memoryAdapter(),
      clients: clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      jwks: { keys: [await signingKey(nextKid)] },
      cookies: { keys: ['portico-test-cookie-key'] },
      ttl: { ClientCredentials: ttl },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: async (_ctx, _client, oneOf) => oneOf ?? defaultResource,
          useGrantedResource: async () => true,
          getResourceServerInfo: async (_ctx, resourceIndicator) => ({
            scope: scopes.join(' '),
            audience: resourceIndicator,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: ALG } },
          }),
        },
      },
      extraTokenClaims: async () => extraClaims,
    };
    const provider = new Provider(issuer, configuration);
    // oidc-provider reports every rejected request as an event; tests assert on responses.
    provider.on('server_error', () => {});
    handler = provider.callback();
    kid = nextKid;
  }
  await install();

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    jwksUrl: `${issuer}/jwks`,
    tokenUrl: `${issuer}/token`,
    clients,
    defaultResource,
    get kid() {
      return kid;
    },
    hits: (path) => counts.get(path) ?? 0,
    async token(request) {
      const client = clients.find((c) => c.clientId === request.clientId);
      if (!client) throw new Error(`unknown test client ${request.clientId}`);
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      });
      if (request.scope !== undefined) form.set('scope', request.scope);
      if (request.resource !== undefined) form.set('resource', request.resource);
      extraClaims = request.extraClaims;
      try {
        const response = await fetch(`${issuer}/token`, {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json()) as {
          access_token?: unknown;
          error?: unknown;
          error_description?: unknown;
        };
        if (!response.ok || typeof body.access_token !== 'string') {
          throw new Error(
            `token endpoint answered ${response.status}: ${String(body.error)} ${String(body.error_description)}`,
          );
        }
        return body.access_token;
      } finally {
        extraClaims = undefined;
      }
    },
    rotateKeys: install,
    async close() {
      handler = null;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
