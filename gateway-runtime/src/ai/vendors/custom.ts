/**
 * A vendor declared entirely in the bundle (`type: custom`): nothing is assumed but a
 * Bearer key. If it declares `streamUsage`, its usage-only chunk is recognised the
 * OpenAI way (`choices: []` beside a `usage` object).
 */
import { OpenAiUsageChunkDetector } from '../usage-chunk.js';
import type { VendorAdapter } from '../types.js';

export const custom = {
  type: 'custom',
  label: 'Custom vendor',
  defaults: {
    auth: { header: 'authorization', prefix: 'Bearer ' },
    headers: {},
    model: { request: [], response: [] },
    usage: {
      promptTokens: [],
      completionTokens: [],
      totalTokens: [],
      cachedTokens: [],
      reasoningTokens: [],
    },
    completionText: [],
    promptText: [],
    streamUsage: null,
    prices: [],
  },
  handler: { usageChunkDetector: () => new OpenAiUsageChunkDetector() },
} satisfies VendorAdapter;
