import { describe, expect, it } from 'vitest';
import { costOf, priceFor } from './cost.js';

const prices = [
  { model: 'gpt-4.1-nano', input: 0.1, cachedInput: 0.025, output: 0.4 },
  { model: 'gpt-4.1*', input: 2, output: 8 },
  { model: 'gpt-*', input: 9, output: 9 },
  { model: 'claude-sonnet-4-5*', input: 3, cachedInput: 0.3, output: 15 },
];
const figures = (p: number | null, c: number | null, cached: number | null = null) => ({
  promptTokens: p,
  completionTokens: c,
  totalTokens: null,
  cachedTokens: cached,
  reasoningTokens: null,
});

describe('cost', () => {
  it('picks an exact model first, then the longest prefix, trying the responding model before the requested one', () => {
    expect(priceFor(prices, ['gpt-4.1-nano'])?.input).toBe(0.1);
    expect(priceFor(prices, ['gpt-4.1-nano-2025-04-14'])?.input).toBe(2);
    expect(priceFor(prices, ['gpt-5-nano-2025-08-07', 'gpt-4.1-nano'])?.input).toBe(0.1);
    expect(priceFor(prices, ['gpt-5'])?.input).toBe(9);
    expect(priceFor(prices, [null, 'mistral-small'])).toBeNull();
  });

  it('charges cached prompt tokens at the cached price and the rest at input and output prices', () => {
    // 9632 prompt of which 6289 cached, 198 completion.
    expect(costOf(priceFor(prices, ['claude-sonnet-4-5-20250929']), figures(9632, 198, 6289))).toBe(
      Math.round(((9632 - 6289) * 3 + 6289 * 0.3 + 198 * 15) * 1e3) / 1e9,
    );
    expect(costOf(prices[1] ?? null, figures(1_000_000, 1_000_000, 10))).toBe(10);
  });

  it('is null without a price or without figures', () => {
    expect(costOf(null, figures(1, 1))).toBeNull();
    expect(costOf(prices[0] ?? null, figures(null, null))).toBeNull();
  });
});
