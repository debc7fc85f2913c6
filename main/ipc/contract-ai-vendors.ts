/**
 * The IPC contract for AI vendors, their price tables, AI APIs and vendor keys. Part
 * of the one contract in `contract.ts`. Vendors cross as data; the authoritative
 * validation is the gateway's own schema, applied by the service, whose messages name
 * each field path (`usage.promptTokens.path: must be a dotted JSON path ...`). This
 * file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

export const aiVendorTypeSchema = z.enum([
  'openai',
  'azure-openai',
  'mistral',
  'anthropic',
  'openai-compatible',
  'custom',
]);
export type AiVendorTypeName = z.infer<typeof aiVendorTypeSchema>;

/** Where a value sits: a JSON path into the body (or each SSE event), a header, or the URL path. */
export const vendorLocation = z.object({
  from: z.enum(['body', 'header', 'path']),
  path: z.string(),
  add: z.array(z.string()).optional(),
});
export type VendorLocation = z.infer<typeof vendorLocation>;
const locations = z.union([vendorLocation, z.array(vendorLocation)]);

/** One model's prices, per million tokens. */
export const vendorPrice = z.object({
  model: z.string(),
  input: z.number(),
  cachedInput: z.number().optional(),
  output: z.number(),
});
export type VendorPrice = z.infer<typeof vendorPrice>;

/** An AI vendor as a workspace file holds it (a bundle's `aiVendors[]` entry). */
export const aiVendorView = z.object({
  name: z.string(),
  type: aiVendorTypeSchema,
  auth: z.object({ header: z.string(), prefix: z.string().optional() }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  model: z.object({ request: locations.optional(), response: locations.optional() }).optional(),
  usage: z
    .object({
      promptTokens: locations.optional(),
      completionTokens: locations.optional(),
      totalTokens: locations.optional(),
      cachedTokens: locations.optional(),
      reasoningTokens: locations.optional(),
    })
    .optional(),
  completionText: z.array(z.string()).optional(),
  promptText: z.array(z.string()).optional(),
  streamUsage: z
    .object({ field: z.string(), paths: z.array(z.string()) })
    .nullable()
    .optional(),
  prices: z.array(vendorPrice).optional(),
});
export type AiVendorView = z.infer<typeof aiVendorView>;

/** A vendor file: the vendor, its path, and (from `get`/`save`) the file's text. */
export const vendorFileView = z.object({
  vendor: aiVendorView,
  file: z.string(),
  content: z.string(),
});
export type VendorFileView = z.infer<typeof vendorFileView>;

export const vendorListing = z.object({
  vendors: z.array(z.object({ vendor: aiVendorView, file: z.string() })),
  /** The gateway's built-in types with their defaults, shown read-only. */
  builtIns: z.array(
    z.object({ type: aiVendorTypeSchema, label: z.string(), vendor: aiVendorView }),
  ),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type VendorListing = z.infer<typeof vendorListing>;

const vendorName = z
  .string({ error: 'name: the vendor name is required' })
  .min(1, 'name: the vendor name is required');

/** The AI vendors channels: request and response schemas. */
export const aiVendorsChannels = {
  'aiVendors.list': { request: empty, response: vendorListing },
  'aiVendors.get': { request: z.object({ name: vendorName }), response: vendorFileView },
  /** Validated with the gateway's schema; `previousName` renames the file. */
  'aiVendors.save': {
    request: z.object({
      vendor: z.record(z.string(), z.unknown()),
      previousName: z.string().optional(),
    }),
    response: vendorFileView,
  },
  'aiVendors.delete': { request: z.object({ name: vendorName }), response: z.null() },
  /** Replaces the price table; a built-in vendor gets an override file holding only its prices. */
  'aiVendors.savePrices': {
    request: z.object({ name: vendorName, prices: z.array(z.unknown()) }),
    response: vendorFileView,
  },
  /** Stores a vendor key in the studio's secret store and sends it to the local gateway. */
  'aiVendors.setSecret': {
    request: z.object({ name: z.string(), value: z.string() }),
    response: z.object({ sentToGateway: z.boolean() }),
  },
  /**
   * Creates an API of type AI toward a vendor. `definition` (the vendor's OpenAPI)
   * becomes its definition and operations; `secretValue` is stored under `secretRef`.
   */
  'aiVendors.createApi': {
    request: z.object({
      name: z
        .string({ error: 'name: the API name is required' })
        .trim()
        .min(1, 'name: the API name is required'),
      version: z
        .string({ error: 'version: the API version is required' })
        .trim()
        .min(1, 'version: the API version is required (e.g. v1)'),
      context: z.string().optional(),
      vendor: vendorName,
      endpointUrl: z.string({ error: 'endpointUrl: the vendor URL is required' }),
      secretRef: z.string().optional(),
      secretValue: z.string().optional(),
      definition: z.object({ content: z.string(), fileName: z.string().optional() }).optional(),
    }),
    response: z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      context: z.string(),
      path: z.string(),
      operationCount: z.number().int().nonnegative(),
    }),
  },
} as const;
