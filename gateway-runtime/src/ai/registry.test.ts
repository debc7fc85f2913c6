import { describe, expect, it } from 'vitest';
import { aiVendorSchema, type AiVendor } from '../model/ai-vendor.js';
import { resolveVendor, vendorRegistry } from './registry.js';

const vendor = (input: unknown): AiVendor => aiVendorSchema.parse(input);

describe('vendor registry', () => {
  it('puts each vendor key where the vendor expects it', () => {
    const auth = (name: string) => resolveVendor(name, []).spec.auth;
    expect(auth('openai')).toEqual({ header: 'authorization', prefix: 'Bearer ' });
    expect(auth('mistral')).toEqual({ header: 'authorization', prefix: 'Bearer ' });
    expect(auth('openai-compatible')).toEqual({ header: 'authorization', prefix: 'Bearer ' });
    expect(auth('azure-openai')).toEqual({ header: 'api-key', prefix: '' });
    expect(auth('anthropic')).toEqual({ header: 'x-api-key', prefix: '' });
  });

  it('asks for stream usage only from vendors that need asking, and detects the answer', () => {
    expect(resolveVendor('openai', []).spec.streamUsage?.field).toBe(
      'stream_options.include_usage',
    );
    expect(resolveVendor('azure-openai', []).spec.streamUsage).not.toBeNull();
    expect(resolveVendor('mistral', []).spec.streamUsage).toBeNull();
    expect(resolveVendor('anthropic', []).spec.streamUsage).toBeNull();
    expect(resolveVendor('openai', []).handler.usageChunkDetector).toBeTypeOf('function');
  });

  it('lays an entry over its type: replaced fields, merged headers, the rest kept', () => {
    const resolved = resolveVendor('corp-openai', [
      vendor({
        name: 'corp-openai',
        type: 'openai',
        auth: { header: 'X-Corp-Key' },
        headers: { 'X-Team': 'ml' },
        usage: { totalTokens: { from: 'header', path: 'X-Total-Tokens' } },
        prices: [{ model: 'gpt-4o*', input: 2.5, cachedInput: 1.25, output: 10 }],
      }),
    ]);
    expect(resolved.spec).toMatchObject({
      name: 'corp-openai',
      type: 'openai',
      auth: { header: 'x-corp-key', prefix: '' },
      headers: { 'x-team': 'ml' },
      prices: [{ model: 'gpt-4o*', input: 2.5, cachedInput: 1.25, output: 10 }],
    });
    expect(resolved.spec.usage.totalTokens).toEqual([{ from: 'header', path: 'x-total-tokens' }]);
    expect(resolved.spec.usage.promptTokens).toEqual(
      vendorRegistry.openai.defaults.usage.promptTokens,
    );
    expect(
      resolveVendor('x', [
        vendor({ name: 'x', type: 'anthropic', headers: { 'anthropic-beta': 'b' } }),
      ]).spec.headers,
    ).toEqual({
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'b',
    });
  });

  it('can turn stream usage off for a server that rejects stream_options', () => {
    expect(
      resolveVendor('local', [
        vendor({ name: 'local', type: 'openai-compatible', streamUsage: null }),
      ]).spec.streamUsage,
    ).toBeNull();
  });
});

describe('vendor schema', () => {
  it('requires a custom vendor to say how it authenticates and where usage sits', () => {
    const result = aiVendorSchema.safeParse({ name: 'c', type: 'custom' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['auth', expect.stringContaining('required for a custom vendor')],
      ['usage', expect.stringContaining('required for a custom vendor')],
    ]);
  });

  it('names the field and what would be valid for a bad location', () => {
    const result = aiVendorSchema.safeParse({
      name: 'c',
      type: 'openai',
      model: { request: { from: 'path', path: '/deployments' } },
      usage: {
        promptTokens: [
          { from: 'body', path: 'usage..x' },
          { from: 'header', path: 'x', add: ['a'] },
        ],
      },
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['model.request.path', expect.stringContaining('{model}')],
      ['usage.promptTokens.0.path', expect.stringContaining('dotted JSON path')],
      ['usage.promptTokens.1.add', 'is only allowed when "from" is "body"'],
    ]);
  });
});
