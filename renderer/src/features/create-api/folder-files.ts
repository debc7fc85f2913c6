/**
 * Reading a picked folder (`<input webkitdirectory>`) for a multi-file import: the
 * text files with their paths relative to the folder, and a guess at the root.
 */

/** A file of the folder, `path` relative to the picked folder. */
export interface FolderFile {
  path: string;
  content: string;
}

const textExtensions = /\.(ya?ml|json)$/i;
/** All files together; the host refuses larger requests anyway. */
export const MAX_FOLDER_BYTES = 30 * 1024 * 1024;

/** `specs/petstore/openapi.yaml` picked as folder `specs` -> `petstore/openapi.yaml`. */
function relativePath(file: File): string {
  const full = file.webkitRelativePath || file.name;
  const slash = full.indexOf('/');
  return slash === -1 ? full : full.slice(slash + 1);
}

/** Reads the YAML and JSON files of a picked folder; throws with the reason when too large. */
export async function readFolder(list: FileList): Promise<FolderFile[]> {
  const files = [...list].filter(
    (f) =>
      textExtensions.test(f.name) &&
      !relativePath(f)
        .split('/')
        .some((s) => s.startsWith('.') || s === 'node_modules'),
  );
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_FOLDER_BYTES) {
    throw new Error(
      `the folder's YAML and JSON files add up to ${Math.round(total / 1048576)} MiB; the limit is 30 MiB`,
    );
  }
  const read = await Promise.all(
    files.map(async (f) => ({ path: relativePath(f), content: await f.text() })),
  );
  return read.sort((a, b) => a.path.localeCompare(b.path));
}

const rootNames = /(^|\/)(openapi|swagger|asyncapi|api|index|root)\.(ya?ml|json)$/i;
const declaresRoot = /^\s*["']?(openapi|swagger|asyncapi)["']?\s*:/m;

/**
 * The likeliest root: the shallowest file that declares `openapi`/`swagger`/
 * `asyncapi`, preferring the usual names; else the first file.
 */
export function guessRoot(files: readonly FolderFile[]): string | null {
  const depth = (p: string): number => p.split('/').length;
  const declaring = files.filter((f) => declaresRoot.test(f.content));
  const pool = declaring.length > 0 ? declaring : files;
  const sorted = [...pool].sort(
    (a, b) =>
      depth(a.path) - depth(b.path) ||
      Number(rootNames.test(b.path)) - Number(rootNames.test(a.path)) ||
      a.path.localeCompare(b.path),
  );
  return sorted[0]?.path ?? null;
}
