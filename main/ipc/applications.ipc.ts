import type { ApplicationView, Request, Response, SubscriptionView } from './contract.js';
import type { Handlers } from './dispatch.js';

type ApplicationChannels =
  | 'applications.list'
  | 'applications.create'
  | 'applications.delete'
  | 'applications.generateApiKey'
  | 'applications.registerConsumerKey'
  | 'applications.issueToken'
  | 'subscriptions.list'
  | 'subscriptions.create'
  | 'subscriptions.setStatus'
  | 'subscriptions.pending';

type KeyType = 'PRODUCTION' | 'SANDBOX';
type SubscriptionStatus = SubscriptionView['status'];

export interface ApplicationsIpcDeps {
  services: {
    applications: {
      list(): ApplicationView[];
      create(input: {
        name: string;
        description?: string;
        throttlingPolicy?: string | null;
      }): ApplicationView;
      delete(id: string): void;
      generateApiKey(applicationId: string, keyType: KeyType): { apiKey: string; keyType: KeyType };
      registerConsumerKey(input: Request<'applications.registerConsumerKey'>): ApplicationView;
    };
    keyManager: {
      issueToken(
        input: Request<'applications.issueToken'>,
      ): Promise<Response<'applications.issueToken'>>;
    };
    subscriptions: {
      list(filter: { applicationId?: string; apiId?: string }): SubscriptionView[];
      create(input: Request<'subscriptions.create'>): SubscriptionView;
      setStatus(id: string, status: SubscriptionStatus): SubscriptionView;
      pending(): SubscriptionView[];
    };
  };
}

export function applicationsHandlers(
  deps: ApplicationsIpcDeps,
): Pick<Handlers, ApplicationChannels> {
  const { services } = deps;
  return {
    'applications.list': async () => services.applications.list(),
    'applications.create': async (request) => services.applications.create(request),
    'applications.delete': async ({ id }) => {
      services.applications.delete(id);
      return null;
    },
    'applications.generateApiKey': async ({ applicationId, keyType }) =>
      services.applications.generateApiKey(applicationId, keyType),
    'applications.registerConsumerKey': async (request) =>
      services.applications.registerConsumerKey(request),
    'applications.issueToken': (request) => services.keyManager.issueToken(request),
    'subscriptions.list': async (filter) => services.subscriptions.list(filter),
    'subscriptions.create': async (request) => services.subscriptions.create(request),
    'subscriptions.setStatus': async ({ id, status }) =>
      services.subscriptions.setStatus(id, status),
    'subscriptions.pending': async () => services.subscriptions.pending(),
  };
}
