/**
 * Splits a parsed OpenAPI document into chunks that can be linted on their own,
 * for incremental re-linting of large specs.
 *
 * A chunk is a synthetic sub-document: the document's "skeleton" (everything but
 * the entries of the big collections: path items, webhooks, components, OAS 2
 * definitions) plus one group of entries of one collection plus, transitively,
 * every entry those entries reference with a local `$ref`. Every node keeps the
 * JSON path it has in the whole document, so a rule whose findings on a node
 * depend only on that node (with its references resolved) reports exactly what
 * it reports in a full lint. Rules that look across the whole document run on
 * the whole document instead (see `documentRules` in spectral-lint.ts).
 *
 * A chunk's cache key is a hash of its whole synthetic document, so editing an
 * entry, anything it references, or the skeleton invalidates it, and nothing else.
 */

type Json = Record<string, unknown>;

/** Collections whose entries are chunked, by their path from the root. */
const collections: readonly (readonly string[])[] = [
  ['paths'],
  ['webhooks'],
  ['components', 'schemas'],
  ['components', 'responses'],
  ['components', 'parameters'],
  ['components', 'examples'],
  ['components', 'requestBodies'],
  ['components', 'headers'],
  ['components', 'links'],
  ['components', 'callbacks'],
  ['components', 'pathItems'],
  ['definitions'],
  ['parameters'],
  ['responses'],
];

/** One independently lintable part of a document. */
export interface Chunk {
  /** Hash of the synthetic document's content: equal keys mean equal lint results. */
  key: string;
  /** Builds the synthetic document to lint (only done for chunks not in the cache). */
  build(): Json;
  /**
   * The built document with its refs resolved (`resolved`), cut to the chunk's
   * own entries: the rest are there only for the refs to resolve, and the chunks
   * owning them lint them (with the same closure, hence the same findings).
   */
  ownOnly(resolved: Json): Json;
  /** How many collection entries it holds (its own group plus referenced ones). */
  entries: number;
  /** Size of its content as JSON text, to weigh a re-lint against a full lint. */
  size: number;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** cyrb53: a fast 53-bit string hash; collisions are negligible at this scale. */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Local `$ref` targets (`#/...`) anywhere under `value`, as JSON pointer segments. */
function collectRefs(value: unknown, out: string[][]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, out);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) {
      out.push(
        child
          .slice(2)
          .split('/')
          .map((s) => {
            let decoded = s;
            try {
              decoded = decodeURIComponent(s);
            } catch {
              // A malformed escape stays as written; the resolver reports it.
            }
            return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
          }),
      );
    } else collectRefs(child, out);
  }
}

function entryId(collection: number, key: string): string {
  return `${collection}\u0000${key}`;
}

/**
 * Splits `root` into about `targetChunks` chunks. Group boundaries are
 * content-defined (an entry whose key hashes to 0 mod the group size ends a
 * group), so inserting or removing an entry moves no boundary but its own.
 */
export function splitDocument(root: Json, targetChunks = 40): Chunk[] {
  const present: { index: number; container: Json }[] = [];
  collections.forEach((path, index) => {
    let node: unknown = root;
    for (const segment of path) node = isObject(node) ? node[segment] : undefined;
    if (isObject(node)) present.push({ index, container: node });
  });
  const containerOf = new Map(present.map((p) => [p.index, p.container]));

  const skeletonRefs: string[][] = [];
  collectRefs(
    Object.fromEntries(
      Object.entries(root).filter(
        ([k]) => !collections.some((c) => c.length === 1 && c[0] === k) && k !== 'components',
      ),
    ),
    skeletonRefs,
  );
  if (isObject(root.components)) {
    for (const [k, v] of Object.entries(root.components)) {
      if (!collections.some((c) => c[0] === 'components' && c[1] === k))
        collectRefs(v, skeletonRefs);
    }
  }

  const target = (segments: string[]): string | null => {
    for (const { index } of present) {
      const path = collections[index] ?? [];
      if (segments.length > path.length && path.every((p, i) => segments[i] === p)) {
        const key = segments[path.length] ?? '';
        return containerOf.get(index)?.[key] === undefined ? null : entryId(index, key);
      }
    }
    return null;
  };
  const refsCache = new Map<string, string[]>();
  const refsOf = (id: string): string[] => {
    let refs = refsCache.get(id);
    if (!refs) {
      const [index, key] = id.split('\u0000') as [string, string];
      const raw: string[][] = [];
      collectRefs(containerOf.get(Number(index))?.[key], raw);
      refs = [...new Set(raw.map(target).filter((t): t is string => t !== null))];
      refsCache.set(id, refs);
    }
    return refs;
  };
  const baseIds = skeletonRefs.map(target).filter((t): t is string => t !== null);

  // Each entry is serialised once for its hash; a chunk's key combines the hashes
  // of the skeleton and of every entry in its closure, in document order.
  const entryHash = new Map<string, { hash: string; size: number }>();
  const hashOf = (id: string): { hash: string; size: number } => {
    let h = entryHash.get(id);
    if (!h) {
      const [index, key] = id.split('\u0000') as [string, string];
      const text = JSON.stringify(containerOf.get(Number(index))?.[key]) ?? '';
      h = {
        hash: `${hashString(key)}${hashString(text)}${hashString(text, 7)}`,
        size: text.length,
      };
      entryHash.set(id, h);
    }
    return h;
  };
  const skeletonText = JSON.stringify(root, (key, value: unknown) =>
    // Collection containers are left out of the skeleton's hash: a chunk's key
    // names the entries it holds, so adding a path invalidates no other chunk.
    key !== '' && present.some((p) => p.container === value) ? undefined : value,
  );
  const skeletonHash = `${hashString(skeletonText)}${hashString(skeletonText, 7)}`;

  /** `doc` with only the `kept` entries in each collection (keys in `doc`'s order). */
  const subset = (doc: Json, kept: ReadonlySet<string>): Json => {
    const data: Json = { ...doc };
    if (isObject(doc.components)) data.components = { ...doc.components };
    for (const { index } of present) {
      const path = collections[index] ?? [];
      const container =
        path.length === 1 ? doc[path[0] as string] : (doc.components as Json)[path[1] as string];
      const filtered: Json = {};
      if (isObject(container)) {
        for (const [key, value] of Object.entries(container))
          if (kept.has(entryId(index, key))) filtered[key] = value;
      }
      if (path.length === 1) data[path[0] as string] = filtered;
      else (data.components as Json)[path[1] as string] = filtered;
    }
    return data;
  };

  const chunkOf = (ids: readonly string[]): Chunk => {
    const own = new Set(ids);
    const closure = new Set<string>();
    const queue = [...ids, ...baseIds];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (closure.has(id)) continue;
      closure.add(id);
      queue.push(...refsOf(id));
    }
    let size = skeletonText.length;
    const hashes: string[] = [skeletonHash];
    for (const { index, container } of present) {
      for (const key of Object.keys(container)) {
        const id = entryId(index, key);
        if (!closure.has(id)) continue;
        const h = hashOf(id);
        hashes.push(`${index}.${h.hash}`);
        size += h.size;
      }
    }
    const joined = hashes.join(',');
    return {
      key: `${hashString(joined)}${hashString(joined, 7)}`,
      entries: closure.size,
      size,
      build: () => subset(root, closure),
      ownOnly: (resolved) => subset(resolved, own),
    };
  };

  // Groups of at least 8 entries, and about `targetChunks` chunks in all: each
  // chunk carries the closure of its references, so more chunks mean more
  // duplicated work to fill the cache, fewer mean more work per re-lint.
  const entryCount = present.reduce((n, p) => n + Object.keys(p.container).length, 0);
  // A power of two, so adding an entry rarely changes it (which would move every boundary).
  const groupSize = Math.max(8, 2 ** Math.ceil(Math.log2(Math.max(1, entryCount / targetChunks))));
  const chunks: Chunk[] = [];
  for (const { index, container } of present) {
    let group: string[] = [];
    for (const key of Object.keys(container)) {
      group.push(entryId(index, key));
      const boundary = parseInt(hashString(key), 36) % groupSize === 0;
      if (boundary || group.length >= groupSize * 4) {
        chunks.push(chunkOf(group));
        group = [];
      }
    }
    if (group.length > 0) chunks.push(chunkOf(group));
  }
  // The skeleton alone, for documents (or parts) outside every collection.
  chunks.push(chunkOf([]));
  return chunks;
}
