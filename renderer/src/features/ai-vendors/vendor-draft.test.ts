import { describe, expect, it } from 'vitest';
import type { AiVendorView } from '../../../../main/ipc/contract';
import {
  draftFrom,
  emptyDraft,
  fieldErrors,
  pricesFrom,
  validateDraft,
  vendorFrom,
} from './vendor-draft';

const acme: AiVendorView = {
  name: 'acme',
  type: 'custom',
  auth: { header: 'x-acme-key', prefix: 'Key ' },
  headers: { 'x-acme-version': '2' },
  model: { request: { from: 'body', path: 'model' } },
  usage: {
    promptTokens: [
      { from: 'body', path: 'meter.in' },
      { from: 'body', path: 'final.in' },
    ],
    completionTokens: { from: 'body', path: 'meter.out' },
  },
  prices: [{ model: 'acme-1', input: 1, output: 2 }],
};

describe('vendor draft', () => {
  it('round-trips a vendor, keeping lists and fields the form does not show', () => {
    const draft = draftFrom(acme);
    expect(draft.authFormat).toBe('Key {key}');
    expect(draft.locations['usage.promptTokens']).toMatchObject({ from: 'body', path: 'meter.in' });
    expect(vendorFrom(draft)).toEqual(acme);
  });

  it('replaces a list once its value is changed, and drops a value set to "not reported"', () => {
    const draft = draftFrom(acme);
    draft.locations['usage.promptTokens'] = {
      ...draft.locations['usage.promptTokens'],
      path: 'm.in',
    };
    draft.locations['usage.completionTokens'] = { from: 'none', path: '' };
    draft.locations['usage.reasoningTokens'] = { from: 'header', path: 'x-reasoning' };
    const vendor = vendorFrom(draft);
    expect(vendor['usage']).toEqual({
      promptTokens: { from: 'body', path: 'm.in' },
      reasoningTokens: { from: 'header', path: 'x-reasoning' },
    });
  });

  it('names the fields a new custom vendor still needs', () => {
    const errors = validateDraft({ ...emptyDraft(), authFormat: 'Bearer' });
    expect(Object.keys(errors).sort()).toEqual(['authHeader', 'name', 'usage.promptTokens']);
    const draft = { ...emptyDraft(), name: 'x', authHeader: 'x-key', authFormat: 'Bearer' };
    draft.locations['usage.totalTokens'] = { from: 'body', path: '' };
    expect(validateDraft(draft)).toEqual({
      authFormat: expect.stringContaining('must end with {key}'),
      'usage.totalTokens': 'Total tokens: give the JSON path',
    });
  });

  it("places the studio's field messages beside their inputs", () => {
    expect(
      fieldErrors(
        'name: must be 1-63 letters; auth.header: must be an HTTP header name; usage.promptTokens.path: must be a dotted JSON path; model.request[1].path: must hold {model}; streamUsage.field: bad',
      ),
    ).toEqual({
      name: 'name: must be 1-63 letters',
      authHeader: 'auth.header: must be an HTTP header name',
      'usage.promptTokens': 'usage.promptTokens.path: must be a dotted JSON path',
      'model.request': 'model.request[1].path: must hold {model}',
      form: 'streamUsage.field: bad',
    });
  });

  it('checks price rows: numbers 0 or more, a model name; cached input optional', () => {
    expect(pricesFrom([{ model: 'a*', input: '0.1', cachedInput: '', output: '0' }])).toEqual({
      ok: true,
      prices: [{ model: 'a*', input: 0.1, output: 0 }],
    });
    expect(pricesFrom([{ model: '', input: '-1', cachedInput: 'x', output: '' }])).toEqual({
      ok: false,
      errors: {
        '0.model': expect.stringContaining('Model:'),
        '0.input': expect.stringContaining('Input: must be a number, 0 or more'),
        '0.cachedInput': expect.stringContaining('Cached input:'),
        '0.output': expect.stringContaining('Output:'),
      },
    });
  });
});
