import type {
  DenylistTypeName,
  DenylistView,
  PolicyDocument,
  PolicyKind,
  SubscriptionView,
} from './contract.js';
import type { Handlers } from './dispatch.js';

type PoliciesChannels =
  | 'policies.list'
  | 'policies.names'
  | 'policies.save'
  | 'policies.delete'
  | 'denylist.list'
  | 'denylist.add'
  | 'denylist.setEnabled'
  | 'denylist.delete'
  | 'applications.resetThrottle'
  | 'subscriptions.changePlan';

type DenylistChange = { entry: DenylistView | null; applied: boolean };

export interface PoliciesIpcDeps {
  services: {
    policies: {
      list(): {
        policies: PolicyDocument[];
        problems: { path: string; message: string }[];
        usingDefaults: boolean;
      };
      names(kind: PolicyKind): string[];
      save(policy: unknown, previousName?: string): Promise<PolicyDocument>;
      delete(kind: PolicyKind, name: string): Promise<void>;
    };
    denylist: {
      list(filter: { type?: DenylistTypeName; enabled?: boolean; search?: string }): DenylistView[];
      add(input: {
        type: DenylistTypeName;
        value: string;
        enabled?: boolean;
        description?: string;
      }): Promise<DenylistChange>;
      setEnabled(id: string, enabled: boolean): Promise<DenylistChange>;
      delete(id: string): Promise<DenylistChange>;
    };
    throttle: {
      reset(applicationId: string): Promise<{ applicationId: string; cleared: number }>;
    };
    subscriptions: { changePlan(id: string, plan: string): SubscriptionView };
  };
}

export function policiesHandlers(deps: PoliciesIpcDeps): Pick<Handlers, PoliciesChannels> {
  const { services } = deps;
  return {
    'policies.list': async () => services.policies.list(),
    'policies.names': async () => ({
      subscription: services.policies.names('subscription'),
      application: services.policies.names('application'),
      api: services.policies.names('api'),
    }),
    'policies.save': ({ policy, previousName }) => services.policies.save(policy, previousName),
    'policies.delete': async ({ kind, name }) => {
      await services.policies.delete(kind, name);
      return null;
    },
    'denylist.list': async (filter) => services.denylist.list(filter),
    'denylist.add': (input) => services.denylist.add(input),
    'denylist.setEnabled': ({ id, enabled }) => services.denylist.setEnabled(id, enabled),
    'denylist.delete': ({ id }) => services.denylist.delete(id),
    'applications.resetThrottle': ({ applicationId }) => services.throttle.reset(applicationId),
    'subscriptions.changePlan': async ({ id, plan }) => services.subscriptions.changePlan(id, plan),
  };
}
