/**
 * An AI vendor as data (DESIGN.md section 5): its auth header, where the requested
 * and responding model sit, where each token count sits in a JSON body, an SSE event
 * or a header, and its price table. Built-in types ship defaults (src/ai/vendors/);
 * a bundle entry overrides them field by field, and a `custom` vendor declares
 * everything itself. The studio saves each entry as a workspace file.
 */
import { z } from 'zod';
import { name, strict } from './common.js';

export const aiVendorTypes = [
  'openai',
  'azure-openai',
  'mistral',
  'anthropic',
  'openai-compatible',
  'custom',
] as const;

/** A dotted JSON path: `usage.prompt_tokens`, `choices.*.delta.content` (`*`: every array item, a number: one item). */
export const jsonPath = z
  .string()
  .regex(
    /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+|\.\*)*$/,
    'must be a dotted JSON path such as usage.prompt_tokens or choices.*.delta.content',
  );

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name (letters, digits, "-")')
  .transform((h) => h.toLowerCase());

/**
 * Where a value sits. `body`: a JSON path into the response body, or into each SSE
 * event's data on a streamed call (for the requested model: into the request body);
 * `add` lists paths whose numbers are added to it (Anthropic's input tokens plus its
 * cache tokens). `header`: a response (or, for the requested model, request) header.
 * `path`: a pattern over the upstream URL path where `{model}` stands for one segment
 * (Azure's `/deployments/{model}`), for the requested model only.
 */
export const valueLocationSchema = strict({
  from: z.enum(['body', 'header', 'path']),
  path: z.string().min(1, 'must be a non-empty string'),
  add: z.array(jsonPath).optional(),
}).superRefine((location, ctx) => {
  const issue = (message: string, path: string[]) =>
    ctx.addIssue({ code: 'custom', message, path });
  if (location.from === 'body' && !jsonPath.safeParse(location.path).success) {
    issue('must be a dotted JSON path such as usage.prompt_tokens or choices.*.delta.content', [
      'path',
    ]);
  }
  if (location.from === 'header' && !headerName.safeParse(location.path).success) {
    issue('must be an HTTP header name such as x-ratelimit-remaining-tokens', ['path']);
  }
  if (location.from === 'path' && !/^\/\S*\{model\}\S*$/.test(location.path)) {
    issue('must be a URL path pattern holding {model}, such as /deployments/{model}', ['path']);
  }
  if (location.add && location.from !== 'body')
    issue('is only allowed when "from" is "body"', ['add']);
});

/** One location, or several tried in order (a JSON body: the first found; a stream: the last event that has one). */
export const valueLocationsSchema = z.union([valueLocationSchema, z.array(valueLocationSchema)]);

const price = z.number().nonnegative('must be 0 or more');

/** Prices of one model, per million tokens. */
export const aiModelPriceSchema = strict({
  /** The model name; a trailing `*` matches every model that starts with what precedes it. */
  model: z.string().min(1, 'must be a non-empty string'),
  input: price,
  /** Price of cached input tokens; absent means the input price. */
  cachedInput: price.optional(),
  output: price,
});

/** How to ask for usage on a streamed call (OpenAI's `stream_options.include_usage`). */
export const aiStreamUsageSchema = strict({
  /** The boolean field set to true in the request body. */
  field: jsonPath,
  /** Upstream paths (suffix match, e.g. `/chat/completions`) where the field is understood. */
  paths: z
    .array(z.string().regex(/^\//, 'must start with "/"'))
    .min(1, 'must list at least one path'),
});

/** An AI vendor: built-in defaults by `type`; any field here overrides them. */
export const aiVendorSchema = strict({
  name,
  type: z.enum(aiVendorTypes),
  /** Header that carries the vendor key, and what precedes the key (`Bearer `). */
  auth: strict({ header: headerName, prefix: z.string().optional() }).optional(),
  /** Headers sent upstream when the client did not send them (`anthropic-version`). */
  headers: z.record(headerName, z.string()).optional(),
  model: strict({
    request: valueLocationsSchema.optional(),
    response: valueLocationsSchema.optional(),
  }).optional(),
  usage: strict({
    promptTokens: valueLocationsSchema.optional(),
    completionTokens: valueLocationsSchema.optional(),
    totalTokens: valueLocationsSchema.optional(),
    cachedTokens: valueLocationsSchema.optional(),
    reasoningTokens: valueLocationsSchema.optional(),
  }).optional(),
  /** JSON paths of generated text in a body or SSE event, counted when the vendor reports no usage. */
  completionText: z.array(jsonPath).optional(),
  /** JSON paths of prompt text in the request body, counted when the vendor reports no usage. */
  promptText: z.array(jsonPath).optional(),
  /** Null: never ask for stream usage. */
  streamUsage: aiStreamUsageSchema.nullable().optional(),
  prices: z.array(aiModelPriceSchema).optional(),
}).superRefine((vendor, ctx) => {
  if (vendor.type !== 'custom') return;
  // A custom vendor has no defaults to fall back on: say how to authenticate and where usage is.
  if (!vendor.auth)
    ctx.addIssue({
      code: 'custom',
      path: ['auth'],
      message: 'is required for a custom vendor: { header, prefix }',
    });
  if (!vendor.usage) {
    ctx.addIssue({
      code: 'custom',
      path: ['usage'],
      message: 'is required for a custom vendor: where promptTokens, completionTokens, ... sit',
    });
  }
});

export type AiVendorType = (typeof aiVendorTypes)[number];
export type ValueLocation = z.infer<typeof valueLocationSchema>;
export type AiModelPrice = z.infer<typeof aiModelPriceSchema>;
export type AiStreamUsage = z.infer<typeof aiStreamUsageSchema>;
export type AiVendor = z.infer<typeof aiVendorSchema>;
