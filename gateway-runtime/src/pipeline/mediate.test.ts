import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import type { CompiledEndpoint } from './endpoint.js';
import { mediate } from './mediate.js';
import type { CompiledApi } from './route.js';

const http: CompiledEndpoint = {
  type: 'http',
  origin: 'http://127.0.0.1:1',
  basePath: '/prod',
  timeoutMs: 1000,
};
const sandboxHttp: CompiledEndpoint = { ...http, basePath: '/sandbox' };
const ai: CompiledEndpoint = {
  type: 'ai',
  vendor: 'openai',
  url: 'http://127.0.0.1:1',
  secretRef: null,
  timeoutMs: 1000,
  targets: [],
};

function ctxWith(
  endpoints: CompiledApi['endpoints'],
  keyType: 'PRODUCTION' | 'SANDBOX',
  hasMediation = false,
) {
  const ctx = fakeContext();
  ctx.api = { spec: { id: 'api' }, endpoints, hasMediation } as CompiledApi;
  ctx.keyType = keyType;
  return ctx;
}

describe('mediate', () => {
  it('picks the endpoint by the credential’s key type', () => {
    expect(mediate(ctxWith({ production: http, sandbox: sandboxHttp }, 'PRODUCTION'))).toBe(http);
    expect(mediate(ctxWith({ production: http, sandbox: sandboxHttp }, 'SANDBOX'))).toBe(
      sandboxHttp,
    );
  });

  it('answers 403 when the API has no endpoint for the key type', () => {
    expect(() => mediate(ctxWith({ production: http, sandbox: null }, 'SANDBOX'))).toThrow(
      expect.objectContaining({ code: 'KEY_TYPE_NOT_SERVED', status: 403 }),
    );
  });

  it('passes sequence endpoints and mediated HTTP endpoints on to the sequence engine', () => {
    const sequence: CompiledEndpoint = { type: 'sequence', sequence: 'mock' };
    expect(mediate(ctxWith({ production: sequence, sandbox: null }, 'PRODUCTION'))).toBe(sequence);
    expect(mediate(ctxWith({ production: http, sandbox: null }, 'PRODUCTION', true))).toBe(http);
  });

  it('answers 501 for mediation sequences on an AI endpoint', () => {
    expect(() => mediate(ctxWith({ production: ai, sandbox: null }, 'PRODUCTION', true))).toThrow(
      expect.objectContaining({ code: 'SEQUENCES_NOT_SUPPORTED', status: 501 }),
    );
  });

  it('passes AI endpoints on to the AI proxy', () => {
    expect(mediate(ctxWith({ production: ai, sandbox: null }, 'PRODUCTION'))).toBe(ai);
  });
});
