import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationsService } from '../applications/applications-service.js';
import { ChangeSignal } from '../applications/changes.js';
import { SubscriptionsService } from '../applications/subscriptions-service.js';
import { StudioError } from '../errors.js';
import { openStore, type Store } from '../store/store.js';
import { PoliciesService } from './policies-service.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StudioError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' });

describe('policy names from the workspace', () => {
  it('are what applications and subscriptions accept, and a plan change validates against them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-names-'));
    dirs.push(dir);
    const store = openStore({ userDataPath: join(dir, 'user-data') });
    stores.push(store);
    const policies = new PoliciesService({ root: () => join(dir, 'ws') });
    const names = {
      subscription: () => policies.names('subscription'),
      application: () => policies.names('application'),
    };
    const changes = new ChangeSignal();
    let changed = 0;
    changes.on(() => (changed += 1));
    const applications = new ApplicationsService(store.db, changes, undefined, names);
    const subscriptions = new SubscriptionsService(store.db, changes, undefined, names);

    await policies.save({ kind: 'subscription', name: 'Platinum', limit: perMin(9000) });
    await policies.save({ kind: 'application', name: '5PerMin', limit: perMin(5) });
    const app = applications.create({ name: 'Mobile', throttlingPolicy: '5PerMin' });
    const sub = subscriptions.create({
      applicationId: app.id,
      apiId: 'PetStore-1.0.0',
      plan: 'Platinum',
    });
    expect(subscriptions.changePlan(sub.id, 'Gold')).toMatchObject({
      id: sub.id,
      plan: 'Gold',
      status: 'UNBLOCKED',
    });
    expect(failure(() => subscriptions.changePlan(sub.id, 'Diamond'))).toBe(
      'VALIDATION: plan: unknown subscription plan "Diamond"; must be one of "Unlimited", "Bronze", "Gold", "Platinum", "Silver"',
    );
    await policies.delete('subscription', 'Platinum');
    expect(failure(() => applications.create({ name: 'Web', throttlingPolicy: 'Nope' }))).toMatch(
      /^VALIDATION: throttlingPolicy: unknown application policy "Nope"; must be one of "Unlimited", "10PerMin", "20PerMin", "50PerMin"/,
    );
    expect(changed).toBe(3);
  });
});
