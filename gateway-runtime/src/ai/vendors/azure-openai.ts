/**
 * Azure OpenAI: OpenAI's shapes, the key in `api-key`, and the deployment in the
 * endpoint URL (`.../openai/deployments/{deployment}`), which names the requested
 * model when the body does not. Its streams open with a usage-less chunk
 * (`choices: []`, `prompt_filter_results`) that clients must still receive.
 */
import { OpenAiUsageChunkDetector } from '../usage-chunk.js';
import type { VendorAdapter } from '../types.js';
import { body } from './locations.js';
import {
  openAiCompletionText,
  openAiPromptText,
  openAiStreamUsage,
  openAiUsage,
} from './openai.js';

export const azureOpenai = {
  type: 'azure-openai',
  label: 'Azure OpenAI',
  defaults: {
    auth: { header: 'api-key', prefix: '' },
    headers: {},
    model: {
      request: [{ from: 'path', path: '/deployments/{model}' }, body('model')],
      response: [body('model'), body('response.model')],
    },
    usage: openAiUsage,
    completionText: openAiCompletionText,
    promptText: openAiPromptText,
    streamUsage: openAiStreamUsage,
    prices: [],
  },
  handler: { usageChunkDetector: () => new OpenAiUsageChunkDetector() },
} satisfies VendorAdapter;
