/**
 * Building blocks shared by the bundle schemas: strict objects whose "unknown field"
 * message lists the fields that are allowed, and the small value types (names, key
 * types, URLs) used across APIs, applications and policies.
 */
import { z } from 'zod';

/**
 * A strict object: unknown fields are rejected, and the message names the fields that
 * would be valid there. Every object of the bundle goes through this.
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field; allowed fields here: ${allowed}`
        : undefined,
  });
}

/** A non-empty, trimmed identifier (API id, application id, policy name, ...). */
export const name = z
  .string()
  .min(1, 'must be a non-empty string')
  .max(256, 'must be at most 256 characters')
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');

/** Which set of credentials (and endpoint) a request belongs to. */
export const keyType = z.enum(['PRODUCTION', 'SANDBOX']);

/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .refine(
    (s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol),
    'must be an absolute http:// or https:// URL',
  );

/** A positive whole number of milliseconds, at most one hour. */
export const timeoutMs = z
  .number()
  .int('must be a whole number of milliseconds')
  .positive('must be greater than 0')
  .max(3_600_000, 'must be at most 3600000 (one hour)');

/** Built-in plan name that every policy category knows: no limit at all. */
export const UNLIMITED = 'Unlimited';
