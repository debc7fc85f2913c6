import { describe, expect, it } from 'vitest';
import { postmanToOpenApi } from './postman.js';

const info = {
  name: 'Auth',
  schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
};
const get = (path: string, extra: Record<string, unknown> = {}) => ({
  name: `get ${path}`,
  request: { method: 'GET', url: `{{baseUrl}}${path}`, ...extra },
});
const kv = (key: string, value: string) => ({ key, value, type: 'string' });

type Doc = {
  security?: unknown;
  components?: { securitySchemes?: Record<string, unknown> };
  paths: Record<string, { get: Record<string, unknown> }>;
  'x-postman-auth'?: string;
};

function convert(collection: Record<string, unknown>): Doc {
  const result = postmanToOpenApi({
    info,
    variable: [kv('baseUrl', 'https://api.example.com'), kv('idp', 'https://idp.example.com')],
    ...collection,
  });
  if (!result.ok) throw new Error(result.message);
  return result.document as Doc;
}

describe('Postman auth as OpenAPI security', () => {
  it('states the collection auth once and lets folders and requests override it', () => {
    const doc = convert({
      auth: { type: 'bearer', bearer: [kv('token', '{{token}}')] },
      item: [
        get('/inherits'),
        get('/open', { auth: { type: 'noauth' } }),
        {
          name: 'Admin',
          auth: {
            type: 'apikey',
            apikey: [kv('key', 'X-Admin-Key'), kv('in', 'header'), kv('value', 's3cret')],
          },
          item: [get('/admin'), get('/admin/basic', { auth: { type: 'basic', basic: [] } })],
        },
      ],
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components?.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      'apiKey_header_X-Admin-Key': { type: 'apiKey', in: 'header', name: 'X-Admin-Key' },
      basicAuth: { type: 'http', scheme: 'basic' },
    });
    expect(doc.paths['/inherits']?.get.security).toBeUndefined();
    expect(doc.paths['/open']?.get.security).toEqual([]);
    expect(doc.paths['/admin']?.get.security).toEqual([{ 'apiKey_header_X-Admin-Key': [] }]);
    expect(doc.paths['/admin/basic']?.get.security).toEqual([{ basicAuth: [] }]);
    // The key's value is a credential: it never reaches the definition.
    expect(JSON.stringify(doc)).not.toContain('s3cret');
  });

  it('maps OAuth2 grant types to flows, with variables filled and scopes listed', () => {
    const oauth = (grant: string) => ({
      type: 'oauth2',
      oauth2: [
        kv('grant_type', grant),
        kv('authUrl', '{{idp}}/authorize'),
        kv('accessTokenUrl', '{{idp}}/token'),
        kv('scope', 'read:pets write:pets'),
      ],
    });
    const doc = convert({
      item: [
        get('/code', { auth: oauth('authorization_code') }),
        get('/machine', { auth: oauth('client_credentials') }),
      ],
    });
    expect(doc.security).toBeUndefined();
    expect(doc.components?.securitySchemes).toEqual({
      oauth2: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://idp.example.com/authorize',
            tokenUrl: 'https://idp.example.com/token',
            scopes: { 'read:pets': '', 'write:pets': '' },
          },
        },
      },
      oauth22: {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            tokenUrl: 'https://idp.example.com/token',
            scopes: { 'read:pets': '', 'write:pets': '' },
          },
        },
      },
    });
    expect(doc.paths['/code']?.get.security).toEqual([{ oauth2: ['read:pets', 'write:pets'] }]);
    expect(doc.paths['/machine']?.get.security).toEqual([{ oauth22: ['read:pets', 'write:pets'] }]);
  });

  it('keeps an auth type OpenAPI cannot describe as x-postman-auth; reads v2.0 attribute objects', () => {
    const doc = convert({
      auth: { type: 'awsv4', awsv4: [kv('region', 'eu-west-1')] },
      item: [
        get('/signed'),
        get('/query', { auth: { type: 'apikey', apikey: { key: 'api_key', in: 'query' } } }),
      ],
    });
    expect(doc['x-postman-auth']).toBe('awsv4');
    expect(doc.paths['/signed']?.get['x-postman-auth']).toBeUndefined();
    expect(doc.components?.securitySchemes).toEqual({
      apiKey_query_api_key: { type: 'apiKey', in: 'query', name: 'api_key' },
    });
  });

  it('refuses an auth block without a type, naming the field', () => {
    const result = postmanToOpenApi({ info, item: [get('/x', { auth: { bearer: [] } })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('item[0].request.auth.type');
  });
});
