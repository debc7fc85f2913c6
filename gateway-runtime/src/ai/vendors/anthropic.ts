/**
 * Anthropic Messages: key in `x-api-key`, `anthropic-version` added when the client
 * sent none. `input_tokens` excludes cached input, so the prompt figure is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`. Streams
 * report usage in `message_start` (under `message.usage`) and again, cumulatively,
 * in `message_delta` (under `usage`), which may revise even the input: the last
 * value is the figure, never a sum of the two.
 */
import type { VendorAdapter } from '../types.js';
import { body } from './locations.js';

const cacheTerms = (prefix: string) => [
  `${prefix}.cache_creation_input_tokens`,
  `${prefix}.cache_read_input_tokens`,
];

export const anthropic = {
  type: 'anthropic',
  label: 'Anthropic',
  defaults: {
    auth: { header: 'x-api-key', prefix: '' },
    headers: { 'anthropic-version': '2023-06-01' },
    model: { request: [body('model')], response: [body('model'), body('message.model')] },
    usage: {
      promptTokens: [
        body('usage.input_tokens', ...cacheTerms('usage')),
        body('message.usage.input_tokens', ...cacheTerms('message.usage')),
      ],
      completionTokens: [body('usage.output_tokens'), body('message.usage.output_tokens')],
      // Anthropic reports no total: the gateway adds prompt and completion.
      totalTokens: [],
      cachedTokens: [
        body('usage.cache_read_input_tokens'),
        body('message.usage.cache_read_input_tokens'),
      ],
      reasoningTokens: [body('usage.output_tokens_details.thinking_tokens')],
    },
    completionText: [
      'delta.text',
      'delta.partial_json',
      'delta.thinking',
      'content.*.text',
      'content.*.thinking',
    ],
    promptText: ['system', 'system.*.text', 'messages.*.content', 'messages.*.content.*.text'],
    streamUsage: null,
    prices: [],
  },
  handler: {},
} satisfies VendorAdapter;
