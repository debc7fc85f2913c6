/**
 * OpenAI: chat completions (`usage.prompt_tokens`, streamed usage in a final chunk
 * with `choices: []` when `stream_options.include_usage` is set) and the Responses
 * API (`usage.input_tokens`, streamed inside `response.completed` as
 * `response.usage`). Key as `Authorization: Bearer`.
 */
import { OpenAiUsageChunkDetector } from '../usage-chunk.js';
import type { VendorAdapter } from '../types.js';
import { body } from './locations.js';

/** Where OpenAI-style APIs put usage, for chat completions and the Responses API. */
export const openAiUsage: VendorAdapter['defaults']['usage'] = {
  promptTokens: [
    body('usage.prompt_tokens'),
    body('usage.input_tokens'),
    body('response.usage.input_tokens'),
  ],
  completionTokens: [
    body('usage.completion_tokens'),
    body('usage.output_tokens'),
    body('response.usage.output_tokens'),
  ],
  totalTokens: [body('usage.total_tokens'), body('response.usage.total_tokens')],
  cachedTokens: [
    body('usage.prompt_tokens_details.cached_tokens'),
    body('usage.input_tokens_details.cached_tokens'),
    body('response.usage.input_tokens_details.cached_tokens'),
  ],
  reasoningTokens: [
    body('usage.completion_tokens_details.reasoning_tokens'),
    body('usage.output_tokens_details.reasoning_tokens'),
    body('response.usage.output_tokens_details.reasoning_tokens'),
  ],
};

/** Generated text of chat completions (streamed and not), legacy completions and the Responses API. */
export const openAiCompletionText = [
  'choices.*.delta.content',
  'choices.*.delta.tool_calls.*.function.arguments',
  'choices.*.message.content',
  'choices.*.message.tool_calls.*.function.arguments',
  'choices.*.text',
  'delta',
  'output.*.content.*.text',
];

/** Prompt text of chat completions, legacy completions and the Responses API. */
export const openAiPromptText = [
  'messages.*.content',
  'messages.*.content.*.text',
  'prompt',
  'input',
  'input.*.content',
  'input.*.content.*.text',
  'instructions',
];

export const openAiStreamUsage = {
  field: 'stream_options.include_usage',
  paths: ['/chat/completions', '/completions'],
};

export const openai = {
  type: 'openai',
  label: 'OpenAI',
  defaults: {
    auth: { header: 'authorization', prefix: 'Bearer ' },
    headers: {},
    model: { request: [body('model')], response: [body('model'), body('response.model')] },
    usage: openAiUsage,
    completionText: openAiCompletionText,
    promptText: openAiPromptText,
    streamUsage: openAiStreamUsage,
    prices: [],
  },
  handler: { usageChunkDetector: () => new OpenAiUsageChunkDetector() },
} satisfies VendorAdapter;
