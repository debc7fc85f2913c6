/**
 * Reads a whole workspace folder into the `WorkspaceInfo` the explorer shows:
 * its APIs, its other resource files, and every file that could not be read.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResourceEntry, WorkspaceInfo } from '../../ipc/contract.js';
import {
  readApi,
  toSummary,
  type ApiRecord,
  type DefinitionCache,
  type Problem,
} from './api-files.js';
import { readMarker } from './marker.js';
import { APIS_DIR, MARKER_FILE, isSafeFolderName, resourceFolders } from './paths.js';
import { byCodePoint } from '../sort.js';

/** A scan: what the UI sees, plus the API records the gateway bundle is built from. */
export interface WorkspaceScan {
  info: WorkspaceInfo;
  apis: ApiRecord[];
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function scanWorkspace(root: string, cache: DefinitionCache): Promise<WorkspaceScan> {
  const problems: Problem[] = [];
  const marker = await readMarker(root);
  if (marker.problem) problems.push({ path: MARKER_FILE, message: marker.problem });

  const apis: ApiRecord[] = [];
  const folders = (await entries(join(root, APIS_DIR)))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(byCodePoint);
  const keep = new Set<string>();
  for (const id of folders) {
    if (!isSafeFolderName(id)) {
      problems.push({
        path: `${APIS_DIR}/${id}`,
        message:
          'folder name cannot be an API id: rename it to <Name>-<version> without special characters',
      });
      continue;
    }
    const result = await readApi(root, id, cache);
    problems.push(...result.problems);
    if (result.ok) {
      apis.push(result.api);
      if (result.api.definition) keep.add(join(root, APIS_DIR, id, result.api.definition.file));
    }
  }
  cache.retain(keep);

  const resources: ResourceEntry[] = [];
  for (const { kind, dir } of resourceFolders) {
    const files = (await entries(join(root, dir)))
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort(byCodePoint);
    for (const file of files) {
      resources.push({ kind, name: file.replace(/\.ya?ml$/i, ''), path: `${dir}/${file}` });
    }
  }

  problems.sort((a, b) => byCodePoint(a.path, b.path));
  return {
    info: { root, name: marker.name, apis: apis.map(toSummary), resources, problems },
    apis,
  };
}
