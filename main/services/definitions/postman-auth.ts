/**
 * Postman's `auth` blocks as OpenAPI security. Postman sets auth on the collection, a
 * folder or a request, each level inheriting from the one above unless it sets its
 * own (`noauth` turns it off). Types with an OpenAPI counterpart become security
 * schemes: bearer, basic and digest (`http`), apikey (`apiKey` in a header or the
 * query) and oauth2 (the flow its grant type names, with its URLs and scopes). The
 * others (AWS Signature, Hawk, NTLM, OAuth 1, Akamai EdgeGrid) have none: the
 * operation keeps the type as `x-postman-auth` so nothing is silently dropped.
 */
import type { PostmanAuth } from './postman-schema.js';
import { isRecord } from './types.js';

type JsonObject = Record<string, unknown>;

/** What one auth block means in OpenAPI. */
export type AuthMeaning =
  | { kind: 'scheme'; name: string; scheme: JsonObject; scopes: string[] }
  | { kind: 'none' }
  | { kind: 'unsupported'; type: string };

/**
 * The value of one key of an auth block's attributes: v2.1 lists them
 * (`bearer: [{key: 'token', value: '…'}]`), v2.0 exports held a plain object.
 */
function attribute(auth: PostmanAuth, key: string): string | undefined {
  const attributes: unknown = auth[auth.type];
  let found: unknown;
  if (Array.isArray(attributes)) {
    found = (attributes as unknown[]).find((entry) => isRecord(entry) && entry.key === key);
    found = isRecord(found) ? found.value : undefined;
  } else if (isRecord(attributes)) found = attributes[key];
  return typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean'
    ? String(found)
    : undefined;
}

function oauth2Flow(auth: PostmanAuth, fill: (text: string) => string): JsonObject {
  const authorizationUrl = fill(attribute(auth, 'authUrl') ?? '');
  const tokenUrl = fill(attribute(auth, 'accessTokenUrl') ?? '');
  const scopes = Object.fromEntries(scopesOf(auth).map((scope) => [scope, '']));
  switch (attribute(auth, 'grant_type') ?? 'authorization_code') {
    case 'client_credentials':
      return { clientCredentials: { tokenUrl, scopes } };
    case 'password_credentials':
      return { password: { tokenUrl, scopes } };
    case 'implicit':
      return { implicit: { authorizationUrl, scopes } };
    default:
      return { authorizationCode: { authorizationUrl, tokenUrl, scopes } };
  }
}

function scopesOf(auth: PostmanAuth): string[] {
  return (attribute(auth, 'scope') ?? '').split(/\s+/).filter((s) => s !== '');
}

/** Reads one auth block; `fill` resolves `{{variables}}` in URLs. */
export function authMeaning(auth: PostmanAuth, fill: (text: string) => string): AuthMeaning {
  switch (auth.type) {
    case 'noauth':
      return { kind: 'none' };
    case 'bearer':
      return {
        kind: 'scheme',
        name: 'bearerAuth',
        scheme: { type: 'http', scheme: 'bearer' },
        scopes: [],
      };
    case 'basic':
      return {
        kind: 'scheme',
        name: 'basicAuth',
        scheme: { type: 'http', scheme: 'basic' },
        scopes: [],
      };
    case 'digest':
      return {
        kind: 'scheme',
        name: 'digestAuth',
        scheme: { type: 'http', scheme: 'digest' },
        scopes: [],
      };
    case 'apikey': {
      const where = attribute(auth, 'in') === 'query' ? 'query' : 'header';
      const name = attribute(auth, 'key') || 'X-API-Key';
      return {
        kind: 'scheme',
        name: `apiKey_${where}_${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`,
        scheme: { type: 'apiKey', in: where, name },
        scopes: [],
      };
    }
    case 'oauth2':
      return {
        kind: 'scheme',
        name: 'oauth2',
        scheme: { type: 'oauth2', flows: oauth2Flow(auth, fill) },
        scopes: scopesOf(auth),
      };
    default:
      return { kind: 'unsupported', type: auth.type };
  }
}

/**
 * Collects the schemes operations use and writes each operation's requirement.
 * The collection's own auth becomes the document's `security`; an operation whose
 * effective auth differs gets its own (`[]` for `noauth`).
 */
export class SecurityCollector {
  private readonly schemes = new Map<string, JsonObject>();
  private readonly root: AuthMeaning | null;

  constructor(
    collectionAuth: PostmanAuth | null | undefined,
    private readonly fill: (text: string) => string,
  ) {
    this.root = collectionAuth ? this.register(authMeaning(collectionAuth, fill)) : null;
  }

  private register(meaning: AuthMeaning): AuthMeaning {
    if (meaning.kind !== 'scheme') return meaning;
    let name = meaning.name;
    // Two different schemes under one name (two OAuth2 servers, say) get numbered names.
    for (let n = 2; this.schemes.has(name); n += 1) {
      if (JSON.stringify(this.schemes.get(name)) === JSON.stringify(meaning.scheme)) break;
      name = `${meaning.name}${n}`;
    }
    this.schemes.set(name, meaning.scheme);
    return { ...meaning, name };
  }

  /** Writes `security` (or `x-postman-auth`) on an operation whose effective auth is `auth`. */
  apply(operation: JsonObject, auth: PostmanAuth | null | undefined): void {
    if (!auth) return; // inherits the collection's, which the document states once
    const meaning = this.register(authMeaning(auth, this.fill));
    if (sameMeaning(meaning, this.root)) return;
    if (meaning.kind === 'none') operation.security = [];
    else if (meaning.kind === 'scheme') operation.security = [{ [meaning.name]: meaning.scopes }];
    else operation['x-postman-auth'] = meaning.type;
  }

  /** Adds `components.securitySchemes` and the document-wide `security` to the document. */
  finish(document: JsonObject): void {
    if (this.schemes.size > 0)
      document.components = { securitySchemes: Object.fromEntries(this.schemes) };
    if (this.root?.kind === 'scheme') document.security = [{ [this.root.name]: this.root.scopes }];
    else if (this.root?.kind === 'unsupported') document['x-postman-auth'] = this.root.type;
  }
}

function sameMeaning(a: AuthMeaning, b: AuthMeaning | null): boolean {
  if (b === null) return a.kind === 'none';
  return JSON.stringify(a) === JSON.stringify(b);
}
