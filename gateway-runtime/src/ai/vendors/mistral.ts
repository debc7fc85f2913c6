/**
 * Mistral: OpenAI-like chat completions with Bearer keys. Streams carry usage on the
 * finish chunk itself (no separate chunk, nothing to ask for), so no
 * `stream_options` is added.
 */
import type { VendorAdapter } from '../types.js';
import { body } from './locations.js';

export const mistral = {
  type: 'mistral',
  label: 'Mistral',
  defaults: {
    auth: { header: 'authorization', prefix: 'Bearer ' },
    headers: {},
    model: { request: [body('model')], response: [body('model')] },
    usage: {
      promptTokens: [body('usage.prompt_tokens')],
      completionTokens: [body('usage.completion_tokens')],
      totalTokens: [body('usage.total_tokens')],
      cachedTokens: [body('usage.prompt_tokens_details.cached_tokens')],
      reasoningTokens: [body('usage.completion_tokens_details.reasoning_tokens')],
    },
    completionText: [
      'choices.*.delta.content',
      'choices.*.delta.content.*.text',
      'choices.*.delta.tool_calls.*.function.arguments',
      'choices.*.message.content',
      'choices.*.message.content.*.text',
      'choices.*.message.tool_calls.*.function.arguments',
    ],
    promptText: ['messages.*.content', 'messages.*.content.*.text', 'prompt', 'input', 'inputs'],
    streamUsage: null,
    prices: [],
  },
  handler: {},
} satisfies VendorAdapter;
