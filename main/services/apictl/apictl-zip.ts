/**
 * apictl's archives: `apictl export api` writes `<Name>_<version>.zip` holding one
 * top-level `<Name>-<version>/` project folder, and `apictl import api --file`
 * takes either a folder or such a zip. Portico reads and writes the same shape.
 * Archives are small (definitions and a few YAML files), so they are handled in
 * memory with fflate.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { StudioError } from '../errors.js';
import { API_YAML } from '../workspace/paths.js';
import { exportApictlProject, importApictlProject } from './apictl-project.js';

/** Archives above this are refused: an apictl project is definitions and YAML. */
const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

async function addFolder(dir: string, prefix: string, into: Zippable): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) await addFolder(path, name, into);
    else if (entry.isFile()) into[name] = new Uint8Array(await readFile(path));
  }
}

/**
 * Exports an API as apictl does: `<outDir>/<Name>_<version>.zip` with the project
 * folder `<Name>-<version>/` inside. Returns the archive's path.
 */
export async function exportApictlZip(input: {
  root: string;
  apiId: string;
  outDir: string;
  environments?: readonly string[];
}): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'portico-apictl-'));
  try {
    const project = await exportApictlProject({ ...input, outDir: scratch });
    const files: Zippable = {};
    await addFolder(project, input.apiId, files);
    // apictl names the archive Name_version; the folder inside keeps Name-version.
    const dash = input.apiId.lastIndexOf('-');
    const archiveName = `${input.apiId.slice(0, dash)}_${input.apiId.slice(dash + 1)}.zip`;
    const archive = join(input.outDir, archiveName);
    await mkdir(input.outDir, { recursive: true });
    await writeFile(archive, zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }));
    return archive;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Entry names that would land outside the extraction folder are refused (zip slip). */
function safeEntry(name: string): string {
  const normalized = normalize(name);
  if (normalized.startsWith('..') || normalized.startsWith(sep) || /^[A-Za-z]:/.test(normalized))
    throw new StudioError(
      'VALIDATION',
      `archive: the entry "${name}" points outside the archive; refusing to extract it`,
    );
  return normalized;
}

/** The folder of the extracted archive that holds `api.yaml`: its top level, or its one folder. */
function projectRoot(names: readonly string[]): string {
  if (names.includes(API_YAML)) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const [top] = tops;
  if (tops.size === 1 && top !== undefined && names.includes(`${top}/${API_YAML}`)) return top;
  throw new StudioError(
    'VALIDATION',
    `archive: no ${API_YAML} at its top or in its one top-level folder; an apictl archive holds <Name>-<version>/${API_YAML}`,
  );
}

/** Imports an apictl archive (`.zip`) as `importApictlProject` imports a folder. */
export async function importApictlZip(input: {
  root: string;
  archive: string;
  overwrite?: boolean;
}): Promise<{ apiId: string; environments: string[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input.archive);
  } catch (error) {
    throw new StudioError(
      'VALIDATION',
      `archive: cannot read ${input.archive} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (bytes.length > MAX_ARCHIVE_BYTES)
    throw new StudioError('VALIDATION', `archive: ${input.archive} is larger than 200 MiB`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(bytes));
  } catch (error) {
    throw new StudioError(
      'VALIDATION',
      `archive: ${input.archive} is not a readable zip (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const files = Object.entries(entries).filter(([name]) => !name.endsWith('/'));
  const top = projectRoot(files.map(([name]) => name));
  const scratch = await mkdtemp(join(tmpdir(), 'portico-apictl-'));
  try {
    for (const [name, content] of files) {
      const path = join(scratch, safeEntry(name));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    return await importApictlProject({
      root: input.root,
      projectDir: join(scratch, top),
      ...(input.overwrite !== undefined && { overwrite: input.overwrite }),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
