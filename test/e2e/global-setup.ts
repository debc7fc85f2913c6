/**
 * Builds the studio once before the end-to-end run, when `out/renderer` is
 * missing or older than any source it is built from. Parallel runs (two
 * engineers, two terminals) take turns through a lock directory instead of
 * writing `out/` at the same time.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtIndex = join(root, 'out/renderer/index.html');
const lockDir = join(root, 'out/.e2e-build-lock');
const LOCK_STALE_MS = 5 * 60_000;

/** What the built renderer depends on; the main bundles are not served to the browser. */
const sources = [
  'renderer',
  'main/ipc/contract.ts',
  'electron.vite.config.ts',
  'package-lock.json',
];

async function newestMtime(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

async function isStale(): Promise<boolean> {
  const built = await stat(builtIndex).catch(() => null);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(sources.map((s) => newestMtime(join(root, s))))));
  return newest > built.mtimeMs;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(join(root, 'out'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const held = await stat(lockDir).catch(() => null);
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS)
        await rmdir(lockDir).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(lockDir).catch(() => undefined);
  }
}

export default async function globalSetup(): Promise<void> {
  if (!(await isStale())) return;
  await withLock(async () => {
    // Another run may have built while this one waited for the lock.
    if (!(await isStale())) return;
    process.stderr.write('e2e: building the studio (npx electron-vite build)…\n');
    const result = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    if (result.status !== 0) {
      throw new Error(
        `electron-vite build failed (exit ${result.status ?? result.signal}); see the output above`,
      );
    }
  });
}
