/**
 * Query-string schemas of the admin API. Times are epoch milliseconds or ISO 8601;
 * intervals are milliseconds or a number with `s`, `m`, `h` or `d`.
 */
import { z } from 'zod';
import { summaryGroups } from '../analytics/summary.js';
import { denylistType } from '../model/bundle.js';

const time = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be epoch milliseconds or an ISO 8601 date-time',
    });
    return z.NEVER;
  }
  return ms;
});

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const interval = z.string().transform((value, ctx) => {
  const match = /^(\d+)(s|m|h|d)?$/.exec(value);
  const ms = match ? Number(match[1]) * (match[2] ? (units[match[2]] ?? 1) : 1) : NaN;
  if (!(ms >= 1000)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be at least one second: milliseconds, or a number with s, m, h or d (e.g. 5m)',
    });
    return z.NEVER;
  }
  return ms;
});

export const eventsQuery = z.strictObject({
  since: time.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(10_000, 'must be at most 10000'))
    .optional(),
});

export const summaryQuery = z.strictObject({
  groupBy: z.enum(summaryGroups).default('api'),
  from: time.optional(),
  to: time.optional(),
  interval: interval.optional(),
});

const bool = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

export const denylistQuery = z.strictObject({
  type: denylistType.optional(),
  value: z.string().optional(),
  enabled: bool.optional(),
});

/** Query parameters as a plain object (last value wins). */
export function queryObject(url: string): Record<string, string> {
  const q = url.indexOf('?');
  return q === -1 ? {} : Object.fromEntries(new URLSearchParams(url.slice(q + 1)));
}
