import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVendorFile, serializeVendor, validateVendor } from './vendor-file.js';

const acme = readFileSync(
  new URL('../../../test/fixtures/ai/acme-llm.yaml', import.meta.url),
  'utf8',
);

describe('vendor files', () => {
  it('reads a custom vendor file with the gateway schema (header names in lower case)', () => {
    const parsed = parseVendorFile(acme);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.vendor.auth).toEqual({ header: 'x-acme-key', prefix: 'Key ' });
    expect(parsed.vendor.usage?.reasoningTokens).toEqual({
      from: 'header',
      path: 'x-acme-reasoning',
    });
    expect(parsed.vendor.prices).toEqual([
      { model: 'acme-1', input: 2, cachedInput: 0.5, output: 8 },
    ]);
  });

  it('writes keys in a fixed order and prices sorted by model, whatever the input order', () => {
    const a = validateVendor({
      prices: [
        { output: 2, input: 1, model: 'zeta' },
        { model: 'alpha', input: 3, output: 4 },
      ],
      type: 'openai',
      name: 'openai',
    });
    const b = validateVendor({
      name: 'openai',
      type: 'openai',
      prices: [
        { model: 'alpha', output: 4, input: 3 },
        { model: 'zeta', input: 1, output: 2 },
      ],
    });
    if (!a.ok || !b.ok) throw new Error('both are valid');
    const text = serializeVendor(a.vendor);
    expect(text).toBe(serializeVendor(b.vendor));
    expect(text).toBe(
      'name: openai\ntype: openai\nprices:\n  - model: alpha\n    input: 3\n    output: 4\n  - model: zeta\n    input: 1\n    output: 2\n',
    );
    const again = parseVendorFile(text);
    expect(again.ok && serializeVendor(again.vendor)).toBe(text);
  });

  it('names each bad field and what would be valid', () => {
    const result = validateVendor({
      name: 'bad name',
      type: 'custom',
      auth: { header: 'x key' },
      model: { request: { from: 'path', path: '/models' } },
      usage: { promptTokens: { from: 'body', path: 'usage..in' } },
      prices: [{ model: 'm', input: -1, output: 1 }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('name: must be 1-63 letters');
    expect(result.message).toContain('auth.header: must be an HTTP header name');
    expect(result.message).toContain(
      'model.request.path: must be a URL path pattern holding {model}',
    );
    expect(result.message).toContain('usage.promptTokens.path: must be a dotted JSON path');
    expect(result.message).toContain('prices[0].input: must be 0 or more');
  });

  it('requires auth and usage of a custom vendor, and refuses unknown fields', () => {
    const missing = validateVendor({ name: 'x', type: 'custom' });
    expect(missing.ok || missing.message).toMatch(/auth: is required for a custom vendor/);
    expect(missing.ok || missing.message).toMatch(/usage: is required for a custom vendor/);
    const unknown = parseVendorFile('name: x\ntype: openai\ncolour: blue\n');
    expect(unknown.ok || unknown.message).toMatch(/colour/);
  });

  it('reports YAML that does not parse', () => {
    const result = parseVendorFile('name: [x\n');
    expect(result.ok).toBe(false);
  });
});
