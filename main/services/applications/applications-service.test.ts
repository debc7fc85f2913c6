import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashApiKey, parseBundle } from '../../../gateway-runtime/src/index.js';
import { buildBundle } from '../bundle-builder.js';
import { StudioError } from '../errors.js';
import { ResidentKeyManager } from '../key-manager/resident-key-manager.js';
import { openStore, type Store } from '../store/store.js';
import { ApplicationsService } from './applications-service.js';
import { createAccessSource } from './bundle-access.js';
import { ChangeSignal } from './changes.js';
import { SubscriptionsService } from './subscriptions-service.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'portico-apps-'));
  dirs.push(dir);
  const store = openStore({ userDataPath: dir });
  stores.push(store);
  const changes = new ChangeSignal();
  let changed = 0;
  changes.on(() => (changed += 1));
  const applications = new ApplicationsService(store.db, changes);
  const subscriptions = new SubscriptionsService(store.db, changes);
  const keyManager = new ResidentKeyManager(store.secrets, applications);
  return { store, changes, applications, subscriptions, keyManager, changed: () => changed };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StudioError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('ApplicationsService', () => {
  it('creates, lists and deletes applications, signalling each change', async () => {
    const { applications, changed } = await setup();
    const mobile = applications.create({ name: ' Mobile ', throttlingPolicy: '50PerMin' });
    applications.create({ name: 'admin console', description: 'ops' });
    expect(mobile).toMatchObject({
      name: 'Mobile',
      throttlingPolicy: '50PerMin',
      apiKeys: [],
      consumerKeys: [],
    });
    expect(applications.list().map((a) => a.name)).toEqual(['admin console', 'Mobile']);
    expect(code(() => applications.create({ name: 'mobile' }))).toMatch(/^CONFLICT: name: /);
    expect(code(() => applications.create({ name: 'x', throttlingPolicy: 'Fast' }))).toMatch(
      /^VALIDATION: throttlingPolicy: .*"Unlimited", "50PerMin"/,
    );
    expect(code(() => applications.create({ name: '  ' }))).toMatch(/^VALIDATION: name:/);
    applications.delete(mobile.id);
    expect(applications.list().map((a) => a.name)).toEqual(['admin console']);
    expect(code(() => applications.delete(mobile.id))).toMatch(/^NOT_FOUND: id:/);
    expect(changed()).toBe(3);
  });

  it('returns a generated API key once and stores only its hash', async () => {
    const { applications, store } = await setup();
    const app = applications.create({ name: 'Mobile' });
    const { apiKey } = applications.generateApiKey(app.id, 'PRODUCTION');
    expect(apiKey).toMatch(/^portico_[A-Za-z0-9_-]{43}$/);
    expect(applications.apiKeyHashes()).toEqual([
      { applicationId: app.id, keyType: 'PRODUCTION', hash: hashApiKey(apiKey) },
    ]);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM application_api_keys').all());
    expect(dump).not.toContain(apiKey);
    expect(JSON.stringify(applications.list())).not.toContain(apiKey);
    expect(applications.get(app.id).apiKeys).toEqual([
      { keyType: 'PRODUCTION', createdAt: expect.any(String) },
    ]);
  });

  it('registers consumer keys and refuses one that another application owns', async () => {
    const { applications } = await setup();
    const a = applications.create({ name: 'A' });
    const b = applications.create({ name: 'B' });
    applications.registerConsumerKey({
      applicationId: a.id,
      keyManager: 'is7',
      consumerKey: 'client-a',
      keyType: 'PRODUCTION',
    });
    // Registering again for the same key manager and key type replaces the client id.
    const updated = applications.registerConsumerKey({
      applicationId: a.id,
      keyManager: 'is7',
      consumerKey: 'client-a2',
      keyType: 'PRODUCTION',
    });
    expect(updated.consumerKeys).toEqual([
      { keyType: 'PRODUCTION', keyManager: 'is7', consumerKey: 'client-a2' },
    ]);
    expect(
      code(() =>
        applications.registerConsumerKey({
          applicationId: b.id,
          keyManager: 'is7',
          consumerKey: 'client-a2',
          keyType: 'PRODUCTION',
        }),
      ),
    ).toMatch(/^CONFLICT: consumerKey: "client-a2" at is7 already belongs to application/);
    expect(applications.localConsumerKey(a.id, 'SANDBOX')).toBe(
      applications.localConsumerKey(a.id, 'SANDBOX'),
    );
    expect(applications.get(a.id).consumerKeys.map((k) => k.keyManager)).toEqual(['is7', 'local']);
  });
});

describe('SubscriptionsService', () => {
  it('subscribes, holds for approval, approves, rejects and blocks', async () => {
    const { applications, subscriptions } = await setup();
    const app = applications.create({ name: 'Mobile' });
    const gold = subscriptions.create({
      applicationId: app.id,
      apiId: 'PetStore-1.0.0',
      plan: 'Gold',
    });
    expect(gold).toMatchObject({ status: 'UNBLOCKED', applicationName: 'Mobile', plan: 'Gold' });
    const held = subscriptions.create({
      applicationId: app.id,
      apiId: 'StarWars-1.0.0',
      plan: 'Bronze',
      requireApproval: true,
    });
    expect(subscriptions.pending().map((s) => s.id)).toEqual([held.id]);
    expect(
      code(() =>
        subscriptions.create({ applicationId: app.id, apiId: 'PetStore-1.0.0', plan: 'Gold' }),
      ),
    ).toMatch(/^CONFLICT: apiId:/);
    expect(
      code(() => subscriptions.create({ applicationId: app.id, apiId: 'X-1', plan: 'Platinum' })),
    ).toMatch(/^VALIDATION: plan: .*"Unlimited", "Gold", "Silver", "Bronze"/);
    expect(code(() => subscriptions.setStatus(gold.id, 'REJECTED'))).toMatch(
      /^VALIDATION: status: only a subscription ON_HOLD/,
    );
    expect(subscriptions.setStatus(held.id, 'UNBLOCKED').status).toBe('UNBLOCKED');
    expect(subscriptions.pending()).toEqual([]);
    expect(subscriptions.setStatus(gold.id, 'PROD_ONLY_BLOCKED').status).toBe('PROD_ONLY_BLOCKED');
    expect(subscriptions.list({ apiId: 'StarWars-1.0.0' }).map((s) => s.id)).toEqual([held.id]);
    applications.delete(app.id);
    expect(subscriptions.list()).toEqual([]);
  });
});

describe('the bundle access source', () => {
  it('yields applications, hashes, consumer keys and subscriptions that a bundle accepts', async () => {
    const { applications, subscriptions, keyManager, changes } = await setup();
    const app = applications.create({ name: 'Mobile', throttlingPolicy: '10PerMin' });
    const { apiKey } = applications.generateApiKey(app.id, 'PRODUCTION');
    applications.localConsumerKey(app.id, 'PRODUCTION');
    // An external key manager not defined in the bundle: its key waits, the API key stays.
    applications.registerConsumerKey({
      applicationId: app.id,
      keyManager: 'is7',
      consumerKey: 'c-1',
      keyType: 'PRODUCTION',
    });
    subscriptions.create({ applicationId: app.id, apiId: 'PetStore-1.0.0', plan: 'Gold' });
    subscriptions.create({ applicationId: app.id, apiId: 'Gone-1.0.0', plan: 'Gold' });
    const access = await createAccessSource({
      applications,
      subscriptions,
      residentKeyManager: keyManager,
      changes,
    }).snapshot();
    const [application] = access.applications;
    expect(application?.keys).toEqual([
      {
        keyType: 'PRODUCTION',
        apiKeyHashes: [hashApiKey(apiKey)],
        consumerKey: applications.localConsumerKey(app.id, 'PRODUCTION'),
        keyManager: 'local',
      },
    ]);
    const petstore = {
      id: 'PetStore-1.0.0',
      folder: 'apis/PetStore-1.0.0',
      apiYaml: {
        type: 'api' as const,
        version: 'v4.4.0',
        data: {
          name: 'PetStore',
          context: '/petstore',
          version: '1.0.0',
          type: 'HTTP' as const,
          isDefaultVersion: false,
          operations: [],
        },
      },
      definition: null,
      parsed: null,
    };
    const built = buildBundle([petstore], access);
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    expect(built.bundle.subscriptions).toEqual([
      expect.objectContaining({ apiId: 'petstore-1.0.0', plan: 'Gold', status: 'UNBLOCKED' }),
    ]);
    expect(built.bundle.keyManagers[0]).toMatchObject({
      name: 'local',
      type: 'resident',
      issuer: 'portico-local',
    });
    expect(parseBundle(built.bundle).ok).toBe(true);
  });
});
