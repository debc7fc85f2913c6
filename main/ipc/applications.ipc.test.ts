import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationsService } from '../services/applications/applications-service.js';
import { ChangeSignal } from '../services/applications/changes.js';
import { SubscriptionsService } from '../services/applications/subscriptions-service.js';
import { ResidentKeyManager } from '../services/key-manager/resident-key-manager.js';
import { openStore, type Store } from '../services/store/store.js';
import { applicationsHandlers } from './applications.ipc.js';
import { channels } from './contract.js';
import { searchHandlers } from './search.ipc.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function firstMessage(channel: keyof typeof channels, request: unknown): string | undefined {
  const parsed = channels[channel].request.safeParse(request);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

describe('applications and search channels', () => {
  it('reject bad requests with the field and what would be valid', () => {
    expect(firstMessage('applications.create', { name: '   ' })).toBe(
      'name: an application name is required',
    );
    expect(
      firstMessage('applications.generateApiKey', { applicationId: 'a', keyType: 'prod' }),
    ).toBe('keyType: must be "PRODUCTION" or "SANDBOX"');
    expect(firstMessage('subscriptions.setStatus', { id: 's', status: 'APPROVED' })).toBe(
      'status: must be one of UNBLOCKED, ON_HOLD, BLOCKED, PROD_ONLY_BLOCKED, REJECTED',
    );
    expect(
      firstMessage('applications.issueToken', {
        applicationId: 'a',
        keyType: 'SANDBOX',
        ttlSec: 0,
      }),
    ).toBe('ttlSec: must be from 1 to 86400');
    expect(firstMessage('search.query', { query: 'pet', limit: 501 })).toBe(
      'limit: must be from 1 to 500',
    );
    expect(firstMessage('subscriptions.list', {})).toBeUndefined();
  });

  it('carry calls to the real services and back in the contract shapes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-apps-ipc-'));
    dirs.push(dir);
    const store = openStore({ userDataPath: dir });
    stores.push(store);
    const changes = new ChangeSignal();
    const applications = new ApplicationsService(store.db, changes);
    const subscriptions = new SubscriptionsService(store.db, changes);
    const keyManager = new ResidentKeyManager(store.secrets, applications);
    const handlers = applicationsHandlers({
      services: { applications, subscriptions, keyManager },
    });

    const app = await handlers['applications.create']({ name: 'Mobile' });
    expect(channels['applications.create'].response.parse(app)).toEqual(app);
    const key = await handlers['applications.generateApiKey']({
      applicationId: app.id,
      keyType: 'SANDBOX',
    });
    expect(key.apiKey).toMatch(/^portico_/);
    const token = await handlers['applications.issueToken']({
      applicationId: app.id,
      keyType: 'SANDBOX',
    });
    expect(channels['applications.issueToken'].response.parse(token).tokenType).toBe('Bearer');
    const sub = await handlers['subscriptions.create']({
      applicationId: app.id,
      apiId: 'PetStore-1.0.0',
      plan: 'Silver',
      requireApproval: true,
    });
    expect(await handlers['subscriptions.pending']({})).toEqual([sub]);
    const approved = await handlers['subscriptions.setStatus']({ id: sub.id, status: 'UNBLOCKED' });
    expect(channels['subscriptions.setStatus'].response.parse(approved).status).toBe('UNBLOCKED');
    expect(await handlers['subscriptions.list']({ applicationId: app.id })).toEqual([approved]);
    const listed = await handlers['applications.list']({});
    expect(channels['applications.list'].response.parse(listed)[0]?.consumerKeys).toEqual([
      { keyType: 'SANDBOX', keyManager: 'local', consumerKey: token.consumerKey },
    ]);
    expect(await handlers['applications.delete']({ id: app.id })).toBeNull();
    await expect(handlers['applications.delete']({ id: app.id })).rejects.toThrow(
      /^id: no application/,
    );

    const seen: unknown[] = [];
    const search = searchHandlers({
      services: { search: { query: (text, options) => (seen.push([text, options]), []) } },
    });
    expect(await search['search.query']({ query: 'pet', limit: 5 })).toEqual([]);
    expect(seen).toEqual([['pet', { limit: 5 }]]);
  });
});
