#!/usr/bin/env node
// Puts a better-sqlite3 addon built for the installed Electron's ABI at
// .cache/electron-native/better_sqlite3.node, leaving node_modules' build (for Node:
// the tests, the web host, the headless gateway) untouched. `npm start` runs this
// first; the studio's main process and its gateway utilityProcess load that file
// through better-sqlite3's `nativeBinding` option. Packaged builds do not need it:
// electron-builder rebuilds native modules for Electron inside the package.
//
// It runs better-sqlite3's own install in a copy of the package, aimed at Electron:
// prebuild-install downloads the matching prebuilt binary, or node-gyp compiles it
// against Electron's headers.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Where the Electron build goes, and the stamp that says for which Electron it is. */
export function targetPaths(base = root) {
  const dir = join(base, '.cache', 'electron-native');
  return { dir, addon: join(dir, 'better_sqlite3.node'), stamp: join(dir, 'stamp.json') };
}

function main() {
  const electronVersion = require('electron/package.json').version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const wanted = {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  };
  const { dir, addon, stamp } = targetPaths();
  if (
    existsSync(addon) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === JSON.stringify(wanted)
  )
    return;

  const work = mkdtempSync(join(tmpdir(), 'portico-sqlite-electron-'));
  try {
    cpSync(sqliteDir, work, {
      recursive: true,
      filter: (src) => !src.includes(`${sqliteDir}/build`),
    });
    // better-sqlite3's own install script ("prebuild-install || node-gyp rebuild"), aimed
    // at Electron through npm's configuration variables, as Electron's docs describe.
    execFileSync(npm, ['run', 'install'], {
      cwd: work,
      stdio: 'inherit',
      shell: process.platform === 'win32',
      env: {
        ...process.env,
        npm_config_runtime: 'electron',
        npm_config_target: electronVersion,
        npm_config_arch: process.arch,
        npm_config_disturl: 'https://electronjs.org/headers',
      },
    });
    mkdirSync(dir, { recursive: true });
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), addon);
    writeFileSync(stamp, JSON.stringify(wanted));
    console.log(
      `electron-native: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} at ${addon}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
