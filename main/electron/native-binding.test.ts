import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinding } from './native-binding.js';

describe('electronSqliteBinding', () => {
  it('points an unpackaged studio at the Electron build made by npm start', () => {
    const addon = join('/app', '.cache', 'electron-native', 'better_sqlite3.node');
    expect(electronSqliteBinding('/app', false, (p) => p === addon)).toBe(addon);
  });

  it('uses the packaged module, and node_modules when no Electron build exists', () => {
    expect(electronSqliteBinding('/app', true, () => true)).toBeUndefined();
    expect(electronSqliteBinding('/app', false, () => false)).toBeUndefined();
  });
});
