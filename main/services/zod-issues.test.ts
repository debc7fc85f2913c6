import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatZodIssues } from './zod-issues.js';

const schema = z.object({
  items: z.array(
    z.union([z.string(), z.object({ name: z.string(), port: z.number().int().max(65535) })]),
  ),
});
const format = (value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'ok' : formatZodIssues(parsed.error.issues);
};

describe('formatZodIssues', () => {
  it('names the field inside the union branch the value was meant for', () => {
    expect(format({ items: ['a', { name: 'x', port: 70000 }] })).toMatch(/^items\[1\]\.port: /);
    expect(format({ items: [{ port: 1 }] })).toBe('items[0].name: is required (string)');
  });

  it('stays at the union when the value fits no branch at all', () => {
    expect(format({ items: [42] })).toMatch(/^items\[0\]: /);
  });
});
