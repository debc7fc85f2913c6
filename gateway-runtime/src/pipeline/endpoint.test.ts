import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import { resolveVendor } from '../ai/registry.js';
import { compileEndpoint, downstreamHeaders, upstreamError, upstreamHeaders } from './endpoint.js';
import { aiUpstreamHeaders } from './endpoint-ai.js';
import type { CompiledApi } from './route.js';

describe('endpoint headers', () => {
  it('drops hop-by-hop headers, those named by Connection, and the consumed API key; adds X-Forwarded-* and the request id', () => {
    const ctx = fakeContext({
      remoteAddress: '::ffff:10.1.2.3',
      headers: {
        host: 'gw.example:8280',
        connection: 'keep-alive, x-private',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        te: 'trailers',
        upgrade: 'websocket',
        expect: '100-continue',
        'x-private': 'secret',
        'x-forwarded-for': '192.0.2.1',
        apikey: 'raw-key',
        accept: 'application/json',
      },
    });
    ctx.api = { security: { apiKeyHeader: 'apikey' } } as CompiledApi;
    ctx.credential = { kind: 'apiKey', applicationId: 'a', keyType: 'PRODUCTION' };
    expect(upstreamHeaders(ctx)).toEqual({
      accept: 'application/json',
      'x-forwarded-for': '192.0.2.1, 10.1.2.3',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'gw.example:8280',
      'x-request-id': 'req-1',
    });
  });

  it('drops the Authorization header a JWT came in, keeps it otherwise', () => {
    const ctx = fakeContext({ headers: { authorization: 'Bearer t' } });
    expect(upstreamHeaders(ctx).authorization).toBe('Bearer t');
    ctx.credential = {
      kind: 'jwt',
      applicationId: 'a',
      keyType: 'PRODUCTION',
      keyManager: 'k',
      subject: null,
      claims: {},
    };
    expect(upstreamHeaders(ctx).authorization).toBeUndefined();
  });

  it('drops hop-by-hop response headers', () => {
    expect(
      downstreamHeaders({
        connection: 'close, x-hop',
        'x-hop': '1',
        'transfer-encoding': 'chunked',
        'set-cookie': ['a=1', 'b=2'],
        'content-type': 'text/plain',
      }),
    ).toEqual({ 'set-cookie': ['a=1', 'b=2'], 'content-type': 'text/plain' });
  });

  it('maps timeouts to 504 and other failures to 502', () => {
    expect(upstreamError({ code: 'UND_ERR_HEADERS_TIMEOUT' }, 100).status).toBe(504);
    expect(upstreamError({ code: 'UND_ERR_BODY_TIMEOUT' }, 100).status).toBe(504);
    expect(upstreamError({ code: 'ECONNREFUSED' }, 100)).toMatchObject({
      status: 502,
      code: 'BACKEND_UNREACHABLE',
    });
    expect(upstreamError(new Error('x'), 100).status).toBe(502);
  });

  it('splits an HTTP endpoint URL into origin and base path', () => {
    expect(
      compileEndpoint({ type: 'http', url: 'http://127.0.0.1:9000/base/', timeoutMs: 10 }),
    ).toEqual({
      type: 'http',
      origin: 'http://127.0.0.1:9000',
      basePath: '/base',
      timeoutMs: 10,
    });
    expect(compileEndpoint(null)).toBeNull();
  });

  it('sends an AI vendor its key where it expects it, never the client’s credentials, and asks for an uncompressed body', () => {
    const ctx = fakeContext({
      headers: {
        authorization: 'Bearer portico-jwt',
        'x-api-key': 'guess',
        'api-key': 'guess',
        'accept-encoding': 'gzip',
        'content-length': '2',
        'anthropic-version': '2024-01-01',
      },
    });
    const anthropic = resolveVendor('anthropic', []).spec;
    expect(aiUpstreamHeaders(ctx, anthropic, 'sk-a', 10)).toMatchObject({
      'x-api-key': 'sk-a',
      'anthropic-version': '2024-01-01',
      'accept-encoding': 'identity',
      'content-length': '10',
    });
    const openai = aiUpstreamHeaders(ctx, resolveVendor('openai', []).spec, 'sk-o', 0);
    expect(openai.authorization).toBe('Bearer sk-o');
    expect([openai['x-api-key'], openai['api-key'], openai['content-length']]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(
      aiUpstreamHeaders(ctx, resolveVendor('openai-compatible', []).spec, null, 0).authorization,
    ).toBeUndefined();
  });
});
