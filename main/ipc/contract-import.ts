/**
 * The IPC contract for importing and exporting definitions: from a URL, from a
 * folder of files with a root, detecting a text's format before creating, and
 * exporting an API's definition as one file. Part of the one contract in
 * `contract.ts`. This file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

const definitionFormats = z.enum(['openapi', 'graphql', 'asyncapi', 'wsdl']);

/** Name, version and context that replace the document's; empty means "from the document". */
const overrides = {
  name: z.string().optional(),
  version: z.string().optional(),
  context: z.string().optional(),
};

const apiSummaryShape = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  context: z.string(),
  type: z.enum(['REST', 'GRAPHQL', 'ASYNC', 'SOAP', 'AI']),
  definitionFormat: definitionFormats.nullable(),
  path: z.string(),
  operationCount: z.number().int().nonnegative(),
});

/** What a text is, as the create dialog shows it before creating. */
export const detectionView = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    format: definitionFormats,
    /** Set when the text is converted on import: a Postman collection or an introspection result. */
    convertedFrom: z.enum(['postman', 'introspection']).nullable(),
    title: z.string().nullable(),
    version: z.string().nullable(),
    operationCount: z.number().int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type DetectionView = z.infer<typeof detectionView>;

/** A definition as one file to save. */
export const exportedDefinition = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type ExportedDefinition = z.infer<typeof exportedDefinition>;

const importFile = z.object({
  path: z.string().min(1, 'files[].path: a relative path is required'),
  content: z.string(),
});

/** The import and export channels: request and response schemas. */
export const importChannels = {
  /** Detect the format of a pasted or opened text; bad text answers `{ ok: false, message }`. */
  'apis.detect': {
    request: z.object({ content: z.string(), fileName: z.string().optional() }),
    response: detectionView,
  },
  /** Fetch a definition by http(s) URL in the main process and create an API from it. */
  'apis.importUrl': {
    request: z.object({
      url: z
        .string({ error: 'url: an http:// or https:// URL is required' })
        .trim()
        .min(1, 'url: an http:// or https:// URL is required'),
      ...overrides,
    }),
    response: apiSummaryShape,
  },
  /**
   * Create an API from a folder's files: `rootFile` is the definition; the files its
   * relative `$ref`s name are copied beside it. Paths are relative to the folder.
   */
  'apis.importFiles': {
    request: z.object({
      rootFile: z
        .string({ error: 'rootFile: pick the root definition file' })
        .min(1, 'rootFile: pick the root definition file'),
      files: z.array(importFile).min(1, 'files: the folder has no files'),
      ...overrides,
    }),
    response: apiSummaryShape,
  },
  /** An API's definition as one file; `as` picks JSON or YAML for OpenAPI and AsyncAPI. */
  'apis.export': {
    request: z.object({
      id: z.string().min(1, 'id: the API id is required'),
      as: z.enum(['json', 'yaml'], { error: 'as: must be "json" or "yaml"' }).optional(),
    }),
    response: exportedDefinition,
  },
} as const;
