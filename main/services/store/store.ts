/**
 * The studio's SQLite database, `<userDataPath>/portico.db`: local state that must
 * not go to git (recent workspaces, settings, encrypted secrets). Nothing of a
 * workspace lives only here; deleting the file loses no workspace content.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { createKeyFileCipher, type SecretCipher } from './cipher.js';
import { runMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { RecentWorkspaces } from './recent-workspaces.js';
import { Secrets } from './secrets.js';
import { Settings } from './settings.js';

export const DATABASE_FILE = 'portico.db';

/** Options of `openStore`. */
export interface StoreOptions {
  /** Folder of the database (and the default cipher's key file); created if missing. */
  userDataPath: string;
  /** Defaults to AES-256-GCM with a key file in `userDataPath`. */
  cipher?: SecretCipher;
  /** A better-sqlite3 addon built for this process's ABI (Electron, unpackaged). */
  nativeBinding?: string;
}

export class Store {
  readonly recentWorkspaces: RecentWorkspaces;
  readonly settings: Settings;
  readonly secrets: Secrets;

  constructor(
    /** For services that add their own tables through migrations. */
    readonly db: Db,
    cipher: SecretCipher,
  ) {
    this.recentWorkspaces = new RecentWorkspaces(db);
    this.settings = new Settings(db);
    this.secrets = new Secrets(db, cipher);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(options: StoreOptions): Store {
  mkdirSync(options.userDataPath, { recursive: true });
  const db = new Database(
    join(options.userDataPath, DATABASE_FILE),
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, migrations);
    return new Store(db, options.cipher ?? createKeyFileCipher(options.userDataPath));
  } catch (error) {
    db.close();
    throw error;
  }
}
