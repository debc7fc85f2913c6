/**
 * `$ref` resolution for the common case, without Spectral's resolver.
 *
 * Spectral resolves with @stoplight/json-ref-resolver, which builds dependency
 * graphs and rewrites the document through immer: on GitHub's 13 MB spec
 * (10,000 refs) that is most of a lint's time. When every `$ref` is local, plain
 * (`#/a/b`, no escapes but `~0`/`~1`), points at something that exists and no
 * reference cycle exists, its answer is simple: each `$ref` object replaced by its
 * (resolved) target, a `refMap` from each `$ref`'s location to its target, and a
 * graph naming the targets. `resolveLocalRefs` computes exactly that in one walk
 * and returns null for everything else (remote refs, missing targets, cycles,
 * refs through refs), where Spectral's own resolver runs; the tests compare both.
 */

type Json = Record<string, unknown>;

/** What Spectral's `DocumentInventory` reads from a resolver's answer. */
export interface LocalResolution {
  result: unknown;
  /**
   * The document with every `$ref` object replaced by null, for the rules in
   * `flatRules` (spectral-lint.ts), or null when their findings could differ
   * between it and `result` (see `isFlatSafe`).
   */
  flat: unknown;
  errors: never[];
  graph: {
    getNodeData(id: string): { refMap: Record<string, string>; data?: unknown } | undefined;
    overallOrder(): string[];
  };
}

const plainRef = /^#(?:\/(?:[A-Za-z0-9_.-]|~[01])*)+$/;
// @stoplight/json's encodeUriPointer (its character class, typos and all, as it behaves).
const encodable = /[^a-zA-Z0-9_.!~*'()/\-\u{D800}-\u{DFFF}]/gu;

/** @stoplight/json's `pathToPointer`, for keys without `%` (those are declined). */
function pointerOf(path: readonly string[]): string {
  if (path.length === 0) return '#';
  return `#/${path
    .map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1').replace(encodable, encodeURIComponent))
    .join('/')}`;
}

const isContainer = (v: unknown): v is Json | unknown[] => typeof v === 'object' && v !== null;
const refOf = (v: unknown): string | undefined =>
  isContainer(v) && !Array.isArray(v) && typeof (v as Json).$ref === 'string'
    ? ((v as Json).$ref as string)
    : undefined;

class Declined extends Error {}

/**
 * Whether the `flatRules` (deep `$..` rules reading a node's `enum`, `type`,
 * `description` or `title`) find the same on the flat document as on the resolved
 * one, given a `$ref` at `path` to `ref`. On the resolved document they also
 * visit each target where it is referenced; those visits find what the visit
 * at the target's own place finds, mapped to the same path, unless the
 * reference's key is one the rules read (`enum`, `type` beside an `enum`,
 * `description` or `title` for a string), the reference sits inside an `enum`,
 * the target is reached under a key the rules filter on (`properties`), or the
 * reference is a top-level field (formats are detected from those).
 */
function isFlatSafe(root: unknown, path: readonly string[], ref: string): boolean {
  const key = path[path.length - 1] ?? '';
  if (path.length <= 1 || path.includes('enum') || ref.endsWith('/properties')) return false;
  if (key === 'description' || key === 'title') {
    // The markdown rules' `pattern` ignores what is not a string (a schema, say).
    let target: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      if (!isContainer(target)) return false;
      target = (target as Json)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return isContainer(target) && refOf(target) === undefined;
  }
  if (key === 'type') {
    let parent: unknown = root;
    for (const k of path.slice(0, -1)) parent = (parent as Json)[k];
    return !(isContainer(parent) && 'enum' in parent);
  }
  return true;
}

/**
 * Resolves `root`'s local refs as json-ref-resolver would for a document named
 * `source`, or returns null when only json-ref-resolver can say.
 */
export function resolveLocalRefs(root: unknown, source: string): LocalResolution | null {
  if (!isContainer(root) || refOf(root) !== undefined) return null;
  const refMap: Record<string, string> = {};
  const targets = new Set<string>();
  const memo = new Map<object, unknown>();
  const active = new Set<object>();

  const targetOf = (ref: string): unknown => {
    let node: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      // A pointer through another `$ref` depends on json-ref-resolver's processing order.
      if (!isContainer(node) || refOf(node) !== undefined) throw new Declined();
      if (Array.isArray(node) ? !/^(0|[1-9]\d*)$/.test(key) : !Object.hasOwn(node, key))
        throw new Declined();
      node = (node as Json)[key];
      if (node === undefined) throw new Declined();
    }
    return node;
  };

  // Resolved copies share what has no `$ref` below it, as immer's result does.
  const resolved = (node: unknown): unknown => {
    if (!isContainer(node)) return node;
    const done = memo.get(node);
    if (done !== undefined) return done;
    if (active.has(node)) throw new Declined(); // a cycle
    active.add(node);
    let out: unknown;
    const ref = refOf(node);
    if (ref !== undefined) out = resolved(targetOf(ref));
    else if (Array.isArray(node)) {
      let copy: unknown[] | null = null;
      node.forEach((item, i) => {
        const r = resolved(item);
        if (r !== item) (copy ??= [...node])[i] = r;
      });
      out = copy ?? node;
    } else {
      let copy: Json | null = null;
      for (const key of Object.keys(node)) {
        const item = node[key];
        const r = resolved(item);
        if (r !== item) (copy ??= { ...node })[key] = r;
      }
      out = copy ?? node;
    }
    active.delete(node);
    memo.set(node, out);
    return out;
  };

  let flatSafe = true;
  // Every `$ref` where the crawler finds it (never inside a `$ref` object's siblings);
  // returns `node` with its `$ref` objects replaced by null.
  const collect = (node: unknown, path: string[]): unknown => {
    const ref = refOf(node);
    if (ref !== undefined) {
      if (!plainRef.test(ref) || path.some((k) => k.includes('%'))) throw new Declined();
      refMap[pointerOf(path)] = ref;
      targets.add(`${source}${ref}`);
      if (flatSafe) flatSafe = isFlatSafe(root, path, ref);
      return null;
    }
    if (!isContainer(node)) return node;
    let copy: Json | unknown[] | null = null;
    for (const key of Object.keys(node)) {
      path.push(key);
      const item = (node as Json)[key];
      const flat = collect(item, path);
      if (flat !== item) {
        copy ??= Array.isArray(node) ? [...node] : { ...node };
        (copy as Json)[key] = flat;
      }
      path.pop();
    }
    return copy ?? node;
  };

  try {
    const flat = collect(root, []);
    const result = resolved(root);
    return {
      result,
      flat: flatSafe ? flat : null,
      errors: [],
      graph: {
        getNodeData: (id) => (id === source ? { refMap, data: result } : undefined),
        overallOrder: () => [...targets, source],
      },
    };
  } catch (e) {
    if (e instanceof Declined) return null;
    throw e;
  }
}
