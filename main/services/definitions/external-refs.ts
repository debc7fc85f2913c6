/**
 * Multi-file OpenAPI/AsyncAPI definitions: a root document whose `$ref`s name other
 * files by relative path (`./schemas/pet.yaml#/Pet`). `collectReferencedFiles`
 * finds every file the root needs, refusing references that leave the root's
 * folder; `bundleDefinition` turns them into one self-contained document (with
 * @apidevtools/json-schema-ref-parser) for reading operations, the gateway bundle
 * and export.
 */
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { posix } from 'node:path';
import { parseStructured } from './source.js';
import { describeDefinitionError, isRecord } from './types.js';

/** A reference that cannot be followed: names the file and the `$ref`. */
export class ExternalRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExternalRefError';
  }
}

/** Reads a file by its `/`-separated path relative to the import folder; `null` when missing. */
export type RefFileReader = (path: string) => Promise<string | null>;

/** Every `$ref` string in a parsed document, in document order. */
export function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) refsOf(item, out);
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push(child);
      else refsOf(child, out);
    }
  }
  return out;
}

/** True when a `$ref` names another file rather than a place in the same document. */
export function isExternalRef(ref: string): boolean {
  return !ref.startsWith('#');
}

/** True when any `$ref` of the document names another file. */
export function hasExternalRefs(value: unknown): boolean {
  return refsOf(value).some(isExternalRef);
}

/**
 * The file a `$ref` in `from` names, relative to the folder that holds the root
 * (`boundary`, `''` for the top); throws when it is remote or leaves that folder.
 */
export function resolveRefFile(from: string, ref: string, boundary: string): string {
  const [filePart = ''] = ref.split('#');
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart) || filePart.startsWith('//')) {
    throw new ExternalRefError(
      `${from}: $ref "${ref}" is a remote URL; only relative file references (./schemas/pet.yaml) can be imported`,
    );
  }
  let decoded = filePart;
  try {
    decoded = decodeURIComponent(filePart);
  } catch {
    // A stray % stays as written; the lookup then reports the file as missing.
  }
  if (decoded.startsWith('/') || /^[a-z]:[\\/]/i.test(decoded)) {
    throw new ExternalRefError(
      `${from}: $ref "${ref}" is an absolute path; use a path relative to ${from}`,
    );
  }
  const target = posix.normalize(posix.join(posix.dirname(from), decoded.replace(/\\/g, '/')));
  const inside = boundary === '' ? target : posix.relative(boundary, target);
  if (inside.startsWith('..') || posix.isAbsolute(inside)) {
    const folder = boundary === '' ? 'the folder' : `the folder ${boundary}/`;
    throw new ExternalRefError(
      `${from}: $ref "${ref}" points outside ${folder} that holds the root file; only files inside it can be referenced`,
    );
  }
  return target;
}

/**
 * Reads the root and, transitively, every file its `$ref`s name. Keys are paths
 * relative to the import folder; the root is included. Throws `ExternalRefError`
 * naming the file and the reference for a missing, unreadable or escaping file.
 */
export async function collectReferencedFiles(
  root: string,
  rootContent: string,
  read: RefFileReader,
): Promise<Map<string, string>> {
  const boundary = posix.dirname(root) === '.' ? '' : posix.dirname(root);
  const files = new Map<string, string>([[root, rootContent]]);
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const content = files.get(next) ?? '';
    const parsed = parseStructured(content);
    if (!parsed.ok) {
      throw new ExternalRefError(`${next}: ${describeDefinitionError(parsed.error)}`);
    }
    for (const ref of refsOf(parsed.value)) {
      if (!isExternalRef(ref)) continue;
      const target = resolveRefFile(next, ref, boundary);
      if (files.has(target)) continue;
      const text = await read(target);
      if (text === null) {
        throw new ExternalRefError(`${next}: $ref "${ref}" names ${target}, which does not exist`);
      }
      files.set(target, text);
      queue.push(target);
    }
  }
  return files;
}

// A made-up absolute folder the parser resolves paths against; nothing is read from it.
const virtualRoot = '/portico-definition';

/**
 * One document from a root and the files it references (as collected above). The
 * first use of each external value is inlined and later uses point at it, so the
 * result has only `#/...` references and no cycles are expanded.
 */
export async function bundleDefinition(
  root: string,
  files: ReadonlyMap<string, string>,
): Promise<unknown> {
  const rootContent = files.get(root);
  if (rootContent === undefined) throw new ExternalRefError(`${root}: the root file is missing`);
  const parsed = parseStructured(rootContent);
  if (!parsed.ok) throw new ExternalRefError(`${root}: ${describeDefinitionError(parsed.error)}`);
  const memory = {
    order: 1,
    canRead: true,
    read(file: { url: string }): string {
      const path = posix.relative(virtualRoot, file.url);
      const content = files.get(path);
      if (content === undefined) throw new ExternalRefError(`${path}: not among the files`);
      return content;
    },
  };
  try {
    return await $RefParser.bundle(`${virtualRoot}/${root}`, parsed.value as object, {
      resolve: { file: false, http: false, external: true, memory },
      mutateInputSchema: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ExternalRefError(`${root}: ${message.split(virtualRoot + '/').join('')}`);
  }
}
