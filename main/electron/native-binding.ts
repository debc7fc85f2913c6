/**
 * Where the Electron build of better-sqlite3 is, when the studio runs unpackaged.
 * node_modules holds a build for Node (tests, web host, headless gateway); `npm start`
 * runs scripts/electron-native.mjs, which puts one for Electron's ABI under
 * `.cache/electron-native/`. Packaged apps need none: electron-builder rebuilds the
 * module for Electron inside the package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronSqliteBinding(
  appPath: string,
  isPackaged: boolean,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (isPackaged) return undefined;
  const addon = join(appPath, '.cache', 'electron-native', 'better_sqlite3.node');
  return exists(addon) ? addon : undefined;
}
