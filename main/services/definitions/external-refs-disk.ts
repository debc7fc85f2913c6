/**
 * Reading a saved multi-file definition: when an API's OpenAPI/AsyncAPI document
 * `$ref`s other files in its folder, they are read from disk and bundled into one
 * document, so its operations, the gateway bundle and export see the whole API.
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { bundleDefinition, collectReferencedFiles, hasExternalRefs } from './external-refs.js';
import { parseStructured, structuredLanguage } from './source.js';
import { stringify } from 'yaml';

// Cheap test before parsing: some `$ref` whose value does not start with `#`.
const externalRefHint = /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']/;

/** True when the text may reference other files (a fast check, may say yes wrongly). */
export function mayReferenceFiles(content: string): boolean {
  return externalRefHint.test(content);
}

export type DiskBundle = { ok: true; bundled: string | null } | { ok: false; message: string };

/**
 * The definition at `file` (relative to `folder`, `/`-separated) with the files it
 * references bundled in, serialized in the root's language; `bundled: null` when it
 * references none. Files outside the definition's own folder are refused.
 */
export async function bundleFromDisk(
  folder: string,
  file: string,
  content: string,
): Promise<DiskBundle> {
  if (!mayReferenceFiles(content)) return { ok: true, bundled: null };
  const parsed = parseStructured(content);
  if (!parsed.ok || !hasExternalRefs(parsed.value)) return { ok: true, bundled: null };
  const base = posix.dirname(file);
  const name = posix.basename(file);
  try {
    const files = await collectReferencedFiles(name, content, async (path) => {
      try {
        return await readFile(join(folder, base, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    });
    const value = await bundleDefinition(name, files);
    const bundled =
      structuredLanguage(content) === 'json'
        ? `${JSON.stringify(value, null, 2)}\n`
        : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
    return { ok: true, bundled };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
