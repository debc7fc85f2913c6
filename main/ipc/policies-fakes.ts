/**
 * In-memory stand-ins for the policies, denylist and throttle services, for tests of
 * the bridge (see `testing.ts`): a call comes back with what an earlier call put in.
 */
import type { DenylistView, PolicyDocument } from './contract.js';
import type { PoliciesIpcDeps } from './policies.ipc.js';
import { StudioError } from '../services/errors.js';

export function createFakePoliciesServices(): Omit<PoliciesIpcDeps['services'], 'subscriptions'> {
  const policies: PolicyDocument[] = [];
  const entries = new Map<string, DenylistView>();
  const entry = (id: string): DenylistView => {
    const found = entries.get(id);
    if (!found) throw new StudioError('NOT_FOUND', `id: no denylist entry ${JSON.stringify(id)}`);
    return found;
  };
  return {
    policies: {
      list: () => ({ policies, problems: [], usingDefaults: false }),
      names: (kind) => ['Unlimited', ...policies.filter((p) => p.kind === kind).map((p) => p.name)],
      async save(policy) {
        const doc = policy as PolicyDocument;
        policies.push(doc);
        return doc;
      },
      async delete(kind, name) {
        const index = policies.findIndex((p) => p.kind === kind && p.name === name);
        if (index < 0) throw new StudioError('NOT_FOUND', `name: no ${kind} policy named ${name}`);
        policies.splice(index, 1);
      },
    },
    denylist: {
      list: () => [...entries.values()],
      async add({ type, value, enabled, description }) {
        const view: DenylistView = {
          id: `d-${entries.size + 1}`,
          type,
          value,
          enabled: enabled ?? true,
          description: description ?? null,
          createdAt: new Date(0).toISOString(),
        };
        entries.set(view.id, view);
        return { entry: view, applied: false };
      },
      async setEnabled(id, enabled) {
        entry(id).enabled = enabled;
        return { entry: entry(id), applied: false };
      },
      async delete(id) {
        entry(id);
        entries.delete(id);
        return { entry: null, applied: false };
      },
    },
    throttle: {
      async reset() {
        throw new StudioError('GATEWAY_UNAVAILABLE', 'The fake services run no gateway');
      },
    },
  };
}
