/**
 * In-memory stand-ins for the applications, subscriptions, key manager and search
 * services, for tests of the bridge (see `testing.ts`). They keep just enough state
 * for a call to come back with what an earlier call put in.
 */
import type { ApplicationView, SubscriptionView } from './contract.js';
import type { ApplicationsIpcDeps } from './applications.ipc.js';
import type { SearchIpcDeps } from './search.ipc.js';
import type { PoliciesIpcDeps } from './policies.ipc.js';
import { StudioError } from '../services/errors.js';

export function createFakeAccessServices(): ApplicationsIpcDeps['services'] &
  SearchIpcDeps['services'] & { subscriptions: PoliciesIpcDeps['services']['subscriptions'] } {
  const apps = new Map<string, ApplicationView>();
  const subs = new Map<string, SubscriptionView>();
  const at = new Date(0).toISOString();
  const app = (id: string): ApplicationView => {
    const found = apps.get(id);
    if (!found)
      throw new StudioError('NOT_FOUND', `applicationId: no application ${JSON.stringify(id)}`);
    return found;
  };
  const sub = (id: string): SubscriptionView => {
    const found = subs.get(id);
    if (!found) throw new StudioError('NOT_FOUND', `id: no subscription ${JSON.stringify(id)}`);
    return found;
  };
  return {
    applications: {
      list: () => [...apps.values()],
      create({ name, description, throttlingPolicy }) {
        const view: ApplicationView = {
          id: `app-${apps.size + 1}`,
          name,
          description: description ?? null,
          throttlingPolicy: throttlingPolicy ?? null,
          createdAt: at,
          apiKeys: [],
          consumerKeys: [],
        };
        apps.set(view.id, view);
        return view;
      },
      delete(id) {
        app(id);
        apps.delete(id);
      },
      generateApiKey(applicationId, keyType) {
        app(applicationId).apiKeys.push({ keyType, createdAt: at });
        return { apiKey: `fake-key-${applicationId}`, keyType };
      },
      registerConsumerKey({ applicationId, keyManager, consumerKey, keyType }) {
        const view = app(applicationId);
        view.consumerKeys.push({ keyManager, consumerKey, keyType });
        return view;
      },
    },
    keyManager: {
      async issueToken({ applicationId, scopes }) {
        app(applicationId);
        return {
          accessToken: 'fake.jwt.token',
          tokenType: 'Bearer',
          expiresAt: at,
          consumerKey: 'fake-client',
          scopes: scopes ?? [],
        };
      },
    },
    subscriptions: {
      list: ({ applicationId, apiId }) =>
        [...subs.values()].filter(
          (s) =>
            (applicationId === undefined || s.applicationId === applicationId) &&
            (apiId === undefined || s.apiId === apiId),
        ),
      create({ applicationId, apiId, plan, requireApproval }) {
        const view: SubscriptionView = {
          id: `sub-${subs.size + 1}`,
          applicationId,
          applicationName: app(applicationId).name,
          apiId,
          plan,
          status: requireApproval ? 'ON_HOLD' : 'UNBLOCKED',
          createdAt: at,
          updatedAt: at,
        };
        subs.set(view.id, view);
        return view;
      },
      setStatus(id, status) {
        const view = sub(id);
        view.status = status;
        return view;
      },
      pending: () => [...subs.values()].filter((s) => s.status === 'ON_HOLD'),
      changePlan(id: string, plan: string) {
        const view = sub(id);
        view.plan = plan;
        return view;
      },
    },
    search: { query: () => [] },
  };
}
