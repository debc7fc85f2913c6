/**
 * Any server that speaks OpenAI's chat completions (vLLM, Ollama, LM Studio, llama.cpp,
 * gateways): OpenAI's defaults. A server that ignores `stream_options` reports no
 * usage; the gateway then estimates and marks the event.
 */
import { OpenAiUsageChunkDetector } from '../usage-chunk.js';
import type { VendorAdapter } from '../types.js';
import { openai } from './openai.js';

export const openaiCompatible = {
  type: 'openai-compatible',
  label: 'OpenAI-compatible server',
  defaults: openai.defaults,
  handler: { usageChunkDetector: () => new OpenAiUsageChunkDetector() },
} satisfies VendorAdapter;
