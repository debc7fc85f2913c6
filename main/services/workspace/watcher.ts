/**
 * Watches a workspace folder for edits made outside the studio (an editor, a
 * `git pull`) and reports once the changes have settled: a burst of events (a
 * checkout touching many files) becomes one call.
 */
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import { ignoredSegments } from './paths.js';

/** Options of `watchWorkspace`. */
export interface WatchOptions {
  /** Quiet time after the last event before `onSettled` runs; default 150 ms. */
  settleMs?: number;
  /** Runs once per settled burst of changes. */
  onSettled(): void;
  onError?(error: unknown): void;
}

export interface WorkspaceWatcher {
  /** Resolves when the initial crawl is done and later edits will be seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** True for `.git/` and `node_modules/` and anything inside them, at any depth. */
export function isIgnoredPath(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel.split(sep).some((segment) => ignoredSegments.has(segment));
}

export function watchWorkspace(root: string, options: WatchOptions): WorkspaceWatcher {
  const settleMs = options.settleMs ?? 150;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path: string) => isIgnoredPath(root, path),
  });

  const schedule = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) options.onSettled();
    }, settleMs);
  };

  watcher.on('all', schedule);
  watcher.on('error', (error: unknown) => options.onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
