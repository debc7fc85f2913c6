/**
 * An environment as a workspace file, `environments/<name>.yaml`: its gateway nodes
 * (admin URL, TLS options, the names of store secrets holding the admin token and
 * the client key), which secrets a push sends, and per-API endpoint overrides.
 * Secrets never appear here, only their names; keys are written in a fixed order so
 * the file diffs cleanly in git.
 */
import { z } from 'zod';
import { parseDocument, stringify } from 'yaml';
import { formatZodIssues } from '../zod-issues.js';

export const ENVIRONMENTS_DIR = 'environments';

/** Environment names become file names: lowercase letters, digits, `-` and `_`. */
export const environmentNamePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const environmentNameRule =
  'must be 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit (e.g. staging)';

const secretName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be 1-200 letters, digits, ".", "_" or "-"');

const httpUrl = z
  .string()
  .refine(
    (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
    'must be an http:// or https:// URL (e.g. https://gw1.example.com:9090)',
  );

/** TLS for the admin connection; files are relative to the workspace root or absolute. */
export const nodeTlsSchema = z.strictObject({
  /** CA bundle (PEM) the admin server's certificate must chain to; default: the system's. */
  caFile: z.string().min(1).optional(),
  /** Client certificate (PEM) presented to an admin endpoint that requires mTLS. */
  certFile: z.string().min(1).optional(),
  /** Store secret holding the client certificate's private key (PEM). */
  keySecret: secretName.optional(),
  /** False accepts any server certificate: for a test box, never production. */
  rejectUnauthorized: z.boolean().optional(),
});
export type NodeTls = z.infer<typeof nodeTlsSchema>;

/** One `portico-gateway` node of an environment. */
export const gatewayNodeSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"'),
    adminUrl: httpUrl,
    /** Store secret holding the node's admin bearer token. */
    tokenSecret: secretName.optional(),
    tls: nodeTlsSchema.optional(),
  })
  .refine((n) => (n.tls?.certFile === undefined) === (n.tls?.keySecret === undefined), {
    message: 'certFile and keySecret go together: a client certificate needs its key',
    path: ['tls', 'keySecret'],
  });
export type GatewayNode = z.infer<typeof gatewayNodeSchema>;

/** Endpoint URLs that replace an API's own in this environment. */
export const endpointOverrideSchema = z.strictObject({
  production: httpUrl.optional(),
  sandbox: httpUrl.optional(),
});

export const environmentSchema = z
  .strictObject({
    name: z.string().regex(environmentNamePattern, environmentNameRule),
    description: z.string().optional(),
    nodes: z.array(gatewayNodeSchema).min(1, 'must list at least one gateway node'),
    /** Store secrets sent to every node before a bundle (AI vendor keys, backend credentials). */
    secrets: z.array(secretName).default([]),
    /** By workspace API id (`PetStore-1.0.0`). */
    endpoints: z.record(z.string(), endpointOverrideSchema).default({}),
  })
  .refine((e) => new Set(e.nodes.map((n) => n.name)).size === e.nodes.length, {
    message: 'node names must be unique',
    path: ['nodes'],
  });
export type Environment = z.infer<typeof environmentSchema>;
export type EnvironmentInput = z.input<typeof environmentSchema>;

export type ParseEnvironmentResult =
  { ok: true; environment: Environment } | { ok: false; message: string };

export function parseEnvironment(text: string): ParseEnvironmentResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' };
  const parsed = environmentSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error.issues) };
  return { ok: true, environment: parsed.data };
}

/** Validates input from a caller (IPC, CLI); the message names the field. */
export function validateEnvironment(input: unknown): ParseEnvironmentResult {
  const parsed = environmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error.issues) };
  return { ok: true, environment: parsed.data };
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** YAML in a fixed key order; API ids sorted. */
export function serializeEnvironment(e: Environment): string {
  const endpoints = Object.fromEntries(
    Object.keys(e.endpoints)
      .sort()
      .map((id) => {
        const o = e.endpoints[id] ?? {};
        return [id, compact({ production: o.production, sandbox: o.sandbox })];
      }),
  );
  const doc = compact({
    name: e.name,
    description: e.description,
    nodes: e.nodes.map((n) =>
      compact({
        name: n.name,
        adminUrl: n.adminUrl,
        tokenSecret: n.tokenSecret,
        tls: n.tls
          ? compact({
              caFile: n.tls.caFile,
              certFile: n.tls.certFile,
              keySecret: n.tls.keySecret,
              rejectUnauthorized: n.tls.rejectUnauthorized,
            })
          : undefined,
      }),
    ),
    secrets: e.secrets,
    endpoints,
  });
  return stringify(doc, { lineWidth: 0 });
}
