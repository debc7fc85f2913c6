/**
 * The sample workspace a first run opens: PetStore (OpenAPI), StarWars (GraphQL)
 * and Streetlights (AsyncAPI), shipped in `resources/sample-workspace`.
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER_FILE } from './paths.js';

/**
 * Where the sample's template is when the caller names none: beside the source
 * tree (`main/services/workspace/` -> `resources/`), or beside a bundled main
 * (`out/main/` -> `resources/`). A packaged app passes its own path.
 */
export function defaultSampleSource(): string | null {
  const candidates = ['../../../resources/sample-workspace/', '../../resources/sample-workspace/'];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(path, MARKER_FILE))) return path;
  }
  return null;
}

/** Copies the sample into `target` (which exists and holds nothing that would clash). */
export async function copySample(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true, force: false, errorOnExist: true });
}
