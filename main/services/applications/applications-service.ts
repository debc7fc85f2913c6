/**
 * Consumer applications and their credentials, kept in the studio's SQLite (never in
 * the workspace: keys are per user, not per repository). An API key is shown once,
 * when generated, and stored only as `sha256:<hex>` (the gateway's `hashApiKey`), so
 * the database cannot leak a usable key. Consumer keys name an OAuth2 client at a key
 * manager: registered by hand for external ones (IS 7, Keycloak), created on demand
 * for the studio's resident key manager `local`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { hashApiKey } from '../../../gateway-runtime/src/index.js';
import { StudioError } from '../errors.js';
import type { ChangeSignal } from './changes.js';
import { defaultPolicyNames, type PolicyNameSource } from './default-policies.js';

/** Which set of credentials (and endpoint) a key belongs to. */
export type KeyType = 'PRODUCTION' | 'SANDBOX';

/** The resident key manager's name in every local bundle. */
export const LOCAL_KEY_MANAGER = 'local';

/** An application as listed: keys by metadata only (never a raw API key). */
export interface ApplicationView {
  id: string;
  name: string;
  description: string | null;
  /** An application policy name (`Unlimited`, `50PerMin`, ...); `null` for none. */
  throttlingPolicy: string | null;
  createdAt: string;
  apiKeys: { keyType: KeyType; createdAt: string }[];
  consumerKeys: { keyType: KeyType; keyManager: string; consumerKey: string }[];
}

/** What `create` receives. */
export interface NewApplication {
  name: string;
  description?: string;
  throttlingPolicy?: string | null;
}

interface AppRow {
  id: string;
  name: string;
  description: string | null;
  throttling_policy: string | null;
  created_at: string;
}

function list(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

export class ApplicationsService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeSignal,
    private readonly now: () => Date = () => new Date(),
    /** Application policy names it accepts: the workspace's policy files. */
    private readonly policyNames: PolicyNameSource = defaultPolicyNames,
  ) {}

  list(): ApplicationView[] {
    const apps = this.db
      .prepare('SELECT * FROM applications ORDER BY name COLLATE NOCASE')
      .all() as AppRow[];
    const apiKeys = this.db
      .prepare(
        'SELECT application_id, key_type, created_at FROM application_api_keys ORDER BY created_at, hash',
      )
      .all() as { application_id: string; key_type: KeyType; created_at: string }[];
    const consumerKeys = this.db
      .prepare(
        'SELECT application_id, key_type, key_manager, consumer_key FROM application_consumer_keys ORDER BY key_manager, key_type',
      )
      .all() as {
      application_id: string;
      key_type: KeyType;
      key_manager: string;
      consumer_key: string;
    }[];
    return apps.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      throttlingPolicy: row.throttling_policy,
      createdAt: row.created_at,
      apiKeys: apiKeys
        .filter((k) => k.application_id === row.id)
        .map((k) => ({ keyType: k.key_type, createdAt: k.created_at })),
      consumerKeys: consumerKeys
        .filter((k) => k.application_id === row.id)
        .map((k) => ({
          keyType: k.key_type,
          keyManager: k.key_manager,
          consumerKey: k.consumer_key,
        })),
    }));
  }

  get(id: string): ApplicationView {
    const app = this.list().find((a) => a.id === id);
    if (!app)
      throw new StudioError('NOT_FOUND', `applicationId: no application ${JSON.stringify(id)}`);
    return app;
  }

  create(input: NewApplication): ApplicationView {
    const name = input.name.trim();
    if (name === '')
      throw new StudioError('VALIDATION', 'name: an application needs a non-empty name');
    const policy = input.throttlingPolicy ?? null;
    const applicationPolicyNames = this.policyNames.application();
    if (policy !== null && !applicationPolicyNames.includes(policy)) {
      throw new StudioError(
        'VALIDATION',
        `throttlingPolicy: unknown application policy ${JSON.stringify(policy)}; must be one of ${list(applicationPolicyNames)}`,
      );
    }
    const taken = this.db
      .prepare('SELECT 1 FROM applications WHERE name = ? COLLATE NOCASE')
      .get(name);
    if (taken)
      throw new StudioError(
        'CONFLICT',
        `name: an application named ${JSON.stringify(name)} already exists`,
      );
    const id = `app-${randomUUID()}`;
    this.db
      .prepare(
        'INSERT INTO applications (id, name, description, throttling_policy, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, name, input.description?.trim() || null, policy, this.now().toISOString());
    this.changes.emit();
    return this.get(id);
  }

  /** Deletes the application with its keys and subscriptions. */
  delete(id: string): void {
    const { changes } = this.db.prepare('DELETE FROM applications WHERE id = ?').run(id);
    if (changes === 0)
      throw new StudioError('NOT_FOUND', `id: no application ${JSON.stringify(id)}`);
    this.changes.emit();
  }

  /** A new random API key; the raw value is returned here and never again. */
  generateApiKey(applicationId: string, keyType: KeyType): { apiKey: string; keyType: KeyType } {
    this.get(applicationId);
    const apiKey = `portico_${randomBytes(32).toString('base64url')}`;
    this.db
      .prepare(
        'INSERT INTO application_api_keys (hash, application_id, key_type, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(hashApiKey(apiKey), applicationId, keyType, this.now().toISOString());
    this.changes.emit();
    return { apiKey, keyType };
  }

  /**
   * Maps an OAuth2 client at a key manager to this application for one key type,
   * replacing the one registered before for that key manager and key type.
   */
  registerConsumerKey(input: {
    applicationId: string;
    keyManager: string;
    consumerKey: string;
    keyType: KeyType;
  }): ApplicationView {
    this.get(input.applicationId);
    const keyManager = input.keyManager.trim();
    const consumerKey = input.consumerKey.trim();
    if (keyManager === '')
      throw new StudioError(
        'VALIDATION',
        'keyManager: name the key manager that issued the client',
      );
    if (consumerKey === '')
      throw new StudioError('VALIDATION', 'consumerKey: the OAuth2 client id must be non-empty');
    const owner = this.db
      .prepare(
        'SELECT application_id, key_type FROM application_consumer_keys WHERE key_manager = ? AND consumer_key = ?',
      )
      .get(keyManager, consumerKey) as { application_id: string; key_type: string } | undefined;
    if (
      owner &&
      (owner.application_id !== input.applicationId || owner.key_type !== input.keyType)
    ) {
      throw new StudioError(
        'CONFLICT',
        `consumerKey: ${JSON.stringify(consumerKey)} at ${keyManager} already belongs to application ${owner.application_id} (${owner.key_type})`,
      );
    }
    this.db
      .prepare(
        `INSERT INTO application_consumer_keys (application_id, key_type, key_manager, consumer_key, created_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (application_id, key_type, key_manager) DO UPDATE SET consumer_key = excluded.consumer_key`,
      )
      .run(input.applicationId, input.keyType, keyManager, consumerKey, this.now().toISOString());
    this.changes.emit();
    return this.get(input.applicationId);
  }

  /** The application's client id at the resident key manager, created on first use. */
  localConsumerKey(applicationId: string, keyType: KeyType): string {
    this.get(applicationId);
    const row = this.db
      .prepare(
        'SELECT consumer_key FROM application_consumer_keys WHERE application_id = ? AND key_type = ? AND key_manager = ?',
      )
      .get(applicationId, keyType, LOCAL_KEY_MANAGER) as { consumer_key: string } | undefined;
    if (row) return row.consumer_key;
    const consumerKey = randomBytes(16).toString('hex');
    this.registerConsumerKey({
      applicationId,
      keyType,
      keyManager: LOCAL_KEY_MANAGER,
      consumerKey,
    });
    return consumerKey;
  }

  /** Key hashes per application and key type, for the bundle (never shown to a user). */
  apiKeyHashes(): { applicationId: string; keyType: KeyType; hash: string }[] {
    return (
      this.db
        .prepare(
          'SELECT application_id, key_type, hash FROM application_api_keys ORDER BY application_id, key_type, hash',
        )
        .all() as { application_id: string; key_type: KeyType; hash: string }[]
    ).map((r) => ({ applicationId: r.application_id, keyType: r.key_type, hash: r.hash }));
  }
}
