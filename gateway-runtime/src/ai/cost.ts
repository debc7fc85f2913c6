/**
 * The vendor cost of one call from the vendor's price table (per million tokens):
 * uncached prompt tokens at the input price, cached ones at the cached-input price
 * (the input price when none is set), completion tokens (reasoning included, as
 * vendors bill them) at the output price.
 */
import type { AiModelPrice } from '../model/ai-vendor.js';
import type { TokenFigures } from './types.js';

function matches(entry: string, model: string): boolean {
  return entry.endsWith('*') ? model.startsWith(entry.slice(0, -1)) : entry === model;
}

/**
 * The price of the first model name that has one: an exact entry first, then the
 * longest `prefix*` entry. Pass the responding model before the requested one.
 */
export function priceFor(
  prices: readonly AiModelPrice[],
  models: readonly (string | null)[],
): AiModelPrice | null {
  for (const model of models) {
    if (!model) continue;
    const exact = prices.find((p) => p.model === model);
    if (exact) return exact;
  }
  for (const model of models) {
    if (!model) continue;
    let best: AiModelPrice | null = null;
    for (const p of prices)
      if (
        p.model.endsWith('*') &&
        matches(p.model, model) &&
        (!best || p.model.length > best.model.length)
      )
        best = p;
    if (best) return best;
  }
  return null;
}

/** The cost of the figures at `price`, or null when no price or no token figures are known. */
export function costOf(price: AiModelPrice | null, figures: TokenFigures): number | null {
  if (!price) return null;
  const prompt = figures.promptTokens ?? 0;
  const completion = figures.completionTokens ?? 0;
  if (figures.promptTokens === null && figures.completionTokens === null) return null;
  const cached = Math.min(figures.cachedTokens ?? 0, prompt);
  const cost =
    ((prompt - cached) * price.input +
      cached * (price.cachedInput ?? price.input) +
      completion * price.output) /
    1e6;
  // Keep sums readable: no float dust past a billionth.
  return Math.round(cost * 1e9) / 1e9;
}
