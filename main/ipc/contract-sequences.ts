/**
 * The IPC contract for sequences: the `sequences/<name>.yaml` files of the open
 * workspace, their validation against the gateway's schema, and dry runs through
 * the local gateway. Part of the one contract in `contract.ts`, which re-exports
 * this file and spreads its channels. This file may import only zod: the renderer
 * and the preload bundle it.
 *
 * Documents cross as plain JSON (`z.unknown()`): the service validates them with
 * the gateway's own schema, so the studio never accepts what the gateway refuses.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

/** File-name-safe: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const sequenceNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const sequenceNameRule =
  'must start with a letter or digit and hold only letters, digits, ".", "_" or "-" (e.g. pet-profile)';

const sequenceName = z
  .string({ error: `name: ${sequenceNameRule}` })
  .regex(sequenceNamePattern, sequenceNameRule);

/** One validation issue: the field path (`steps[1].endpoint.url`) and what would be valid. */
export const sequenceIssue = z.object({ path: z.string(), message: z.string() });
export type SequenceIssue = z.infer<typeof sequenceIssue>;

/** A sequence file as listed in the explorer. */
export const sequenceEntry = z.object({
  name: z.string(),
  /** Relative to the workspace root: `sequences/<name>.yaml`. */
  path: z.string(),
  /** Why the file cannot be deployed, or `null` when it is valid. */
  problem: z.string().nullable(),
});
export type SequenceEntry = z.infer<typeof sequenceEntry>;

/** A sequence file read from disk. */
export const sequenceFile = sequenceEntry.extend({
  /** The file's text as stored. */
  content: z.string(),
  /** The parsed document (possibly invalid), or `null` when the YAML does not parse. */
  document: z.unknown(),
  issues: z.array(sequenceIssue),
});
export type SequenceFile = z.infer<typeof sequenceFile>;

/** What `sequences.check` answers: the document in both forms and its issues. */
export const sequenceCheck = z.object({
  /** The YAML as the studio writes it (for a document), or the text given. */
  yaml: z.string(),
  document: z.unknown(),
  issues: z.array(sequenceIssue),
});
export type SequenceCheck = z.infer<typeof sequenceCheck>;

const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], {
  error: 'request.method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
});

/** The sample request of a dry run. */
export const sequenceTryRequest = z.object({
  method: httpMethod,
  path: z
    .string({ error: 'request.path: must be a path starting with "/"' })
    .startsWith('/', 'request.path: must start with "/" (e.g. /pets/1)'),
  query: z.record(z.string(), z.string()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});
export type SequenceTryRequest = z.infer<typeof sequenceTryRequest>;

/** One executed step of a dry run, as the gateway reports it. */
export const sequenceTraceEntry = z.object({
  step: z.union([z.string(), z.number()]),
  type: z.string(),
  durationMs: z.number(),
  outcome: z.enum(['ok', 'fault', 'skipped']),
  /** The variables after the step (dry runs report them). */
  variables: z.record(z.string(), z.unknown()).optional(),
  call: z
    .object({ url: z.string(), method: z.string(), status: z.number(), durationMs: z.number() })
    .optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type SequenceTraceEntry = z.infer<typeof sequenceTraceEntry>;

/** A dry run's answer: the response the sequence produced and its trace. */
export const sequenceTryResult = z.object({
  response: z.object({
    status: z.number(),
    headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    body: z.unknown(),
  }),
  trace: z.array(sequenceTraceEntry),
  variables: z.record(z.string(), z.unknown()),
});
export type SequenceTryResult = z.infer<typeof sequenceTryResult>;

/** Every sequence channel. */
export const sequencesChannels = {
  'sequences.list': { request: empty, response: z.array(sequenceEntry) },
  'sequences.get': { request: z.object({ name: sequenceName }), response: sequenceFile },
  /** A new, empty sequence file; CONFLICT when one of that name exists. */
  'sequences.create': { request: z.object({ name: sequenceName }), response: sequenceFile },
  /** Validate YAML text when `content` is given (answers its document), else a document (answers its YAML). */
  'sequences.check': {
    request: z.object({ content: z.string().optional(), document: z.unknown().optional() }),
    response: sequenceCheck,
  },
  /** Write a valid document; its `name` is set to the file's. VALIDATION names each bad field. */
  'sequences.save': {
    request: z.object({ name: sequenceName, document: z.unknown() }),
    response: sequenceFile,
  },
  'sequences.rename': {
    request: z.object({ from: sequenceName, to: sequenceName }),
    response: sequenceFile,
  },
  'sequences.delete': { request: z.object({ name: sequenceName }), response: z.null() },
  /** Dry-run a document through the local gateway (nothing is deployed). */
  'sequences.try': {
    request: z.object({
      document: z.unknown(),
      request: sequenceTryRequest,
      apiId: z.string().min(1).optional(),
    }),
    response: sequenceTryResult,
  },
} as const;
