/**
 * Small HTTP helpers of the admin API: JSON (or YAML) bodies with a size cap, JSON
 * responses, the bearer-token check and zod validation that answers 400 with paths.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GatewayError } from '../errors.js';
import { toBundleIssues } from '../model/parse.js';

/** Admin bodies (bundles with inline definitions) may be large, but not unbounded. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(
  req: IncomingMessage,
  limit = MAX_ADMIN_BODY_BYTES,
): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new GatewayError(
      'REQUEST_TOO_LARGE',
      `Admin request bodies are limited to ${limit} bytes`,
    );
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit)
      throw new GatewayError(
        'REQUEST_TOO_LARGE',
        `Admin request bodies are limited to ${limit} bytes`,
      );
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new GatewayError('ADMIN_BAD_REQUEST', 'The request needs a JSON body');
  const type = req.headers['content-type'] ?? '';
  try {
    return /yaml/i.test(type) ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new GatewayError(
      'ADMIN_BAD_REQUEST',
      `The body is not valid ${/yaml/i.test(type) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

/** Parses with a zod schema; 400 ADMIN_BAD_REQUEST naming each field on failure. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = toBundleIssues(result.error.issues);
  throw new GatewayError(
    'ADMIN_BAD_REQUEST',
    issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    undefined,
    issues,
  );
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A constant-time check of `Authorization: Bearer <token>`; always true when no token is configured. */
export function createTokenCheck(token: string | null): (req: IncomingMessage) => boolean {
  if (token === null) return () => true;
  const expected = digest(token);
  return (req) => {
    const header = req.headers.authorization ?? '';
    if (header.slice(0, 7).toLowerCase() !== 'bearer ') return false;
    return timingSafeEqual(digest(header.slice(7).trim()), expected);
  };
}

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '::ffff:127.0.0.1'
  );
}
