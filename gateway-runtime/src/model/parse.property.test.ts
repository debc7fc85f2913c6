import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testApi, testBundle } from '../../test-support/bundles.js';
import { parseBundle } from './parse.js';

/** Every result has the documented shape: a bundle, or issues with a path and a message. */
function wellFormed(result: ReturnType<typeof parseBundle>): boolean {
  if (result.ok) return typeof result.bundle.revision === 'string';
  return (
    result.issues.length > 0 &&
    result.issues.every(
      (i) =>
        typeof i.path === 'string' &&
        i.path.length > 0 &&
        typeof i.message === 'string' &&
        i.message.length > 0,
    )
  );
}

const base = testBundle([testApi('http://127.0.0.1:9000')]);

describe('parseBundle under generated input', () => {
  it('never throws on arbitrary JSON-like values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withObjectString: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
        }),
        (value) => {
          expect(wellFormed(parseBundle(value))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws when any field of a valid bundle is replaced by garbage', () => {
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.jsonValue(),
        (path, garbage) => {
          const copy = structuredClone(base) as Record<string | number, unknown>;
          let target: Record<string | number, unknown> = copy;
          for (const segment of path.slice(0, -1))
            target = target[segment] as Record<string | number, unknown>;
          target[path.at(-1) as string | number] = garbage;
          expect(wellFormed(parseBundle(copy))).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on hostile objects', () => {
    const throwing = Object.defineProperty(
      { apiVersion: 'portico/v1', kind: 'GatewayBundle' },
      'revision',
      {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      },
    );
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    for (const value of [throwing, proxy, { ...base, apis: new Array(3) }, Object.create(null)]) {
      expect(wellFormed(parseBundle(value))).toBe(true);
    }
  });
});
