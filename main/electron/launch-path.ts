/**
 * Which workspace a launch asks for. The installers associate `*.portico` files
 * with the studio (electron-builder.yml `fileAssociations`): opening one, or a
 * workspace's `portico.yaml`, or passing a workspace folder on the command line,
 * opens that folder. macOS delivers the path through `open-file`; Windows and
 * Linux through the command line of the first or of a second instance.
 *
 * No Electron import here, so it is tested under plain Node.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** The workspace folder a path names, or null when it names none. */
export function workspaceFromPath(path: string, cwd: string = process.cwd()): string | null {
  const absolute = resolve(cwd, path);
  let info;
  try {
    info = statSync(absolute);
  } catch {
    return null;
  }
  if (info.isDirectory()) return absolute;
  const name = basename(absolute);
  if (name.endsWith('.portico') || name === 'portico.yaml') return dirname(absolute);
  return null;
}

/**
 * The workspace named by a launch's arguments: the last argument that is a
 * workspace folder, a `*.portico` file or a `portico.yaml`. Flags (`--x`) and
 * Electron's own arguments (the executable, the app path when unpackaged) are
 * skipped: `skip` is how many leading arguments are not the user's.
 */
export function workspaceFromArgv(
  argv: readonly string[],
  skip: number,
  cwd: string = process.cwd(),
): string | null {
  let found: string | null = null;
  for (const arg of argv.slice(skip)) {
    if (arg.startsWith('-')) continue;
    found = workspaceFromPath(arg, cwd) ?? found;
  }
  return found;
}
