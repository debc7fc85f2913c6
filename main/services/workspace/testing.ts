/** Helpers for tests of the workspace service: temp folders and an in-memory recent list. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecentWorkspace } from '../../ipc/contract.js';
import { WorkspaceService, type RecentList } from './workspace-service.js';

export const sampleSource = fileURLToPath(
  new URL('../../../resources/sample-workspace/', import.meta.url),
);

/** A recent list that keeps entries in memory, most recent first. */
export function memoryRecent(): RecentList & { entries: RecentWorkspace[] } {
  const entries: RecentWorkspace[] = [];
  let tick = 0;
  return {
    entries,
    touch(path, name) {
      const at = entries.findIndex((e) => e.path === path);
      if (at >= 0) entries.splice(at, 1);
      tick += 1;
      entries.unshift({
        path,
        name,
        openedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, tick)).toISOString(),
      });
    },
    list: () => [...entries],
    remove(path) {
      const at = entries.findIndex((e) => e.path === path);
      if (at >= 0) entries.splice(at, 1);
    },
  };
}

/** A fresh temp folder per call, and a cleanup that closes services and removes folders. */
export function scratch(): {
  dir(prefix?: string): Promise<string>;
  service(options?: { sampleSource?: string | null }): WorkspaceService;
  cleanup(): Promise<void>;
} {
  const dirs: string[] = [];
  const services: WorkspaceService[] = [];
  return {
    async dir(prefix = 'portico-ws-') {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    service(options = {}) {
      const service = new WorkspaceService({
        recent: memoryRecent(),
        sampleSource: options.sampleSource === undefined ? sampleSource : options.sampleSource,
      });
      services.push(service);
      return service;
    },
    async cleanup() {
      for (const service of services.splice(0)) await service.close();
      for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    },
  };
}
