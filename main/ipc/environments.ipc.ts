import type {
  EnvironmentConfig,
  EnvironmentStatus,
  PushReport,
  Request,
  Response,
} from './contract.js';
import type { Handlers } from './dispatch.js';

type EnvironmentsChannels =
  | 'environments.list'
  | 'environments.save'
  | 'environments.delete'
  | 'environments.status'
  | 'environments.push'
  | 'environments.rollback'
  | 'environments.undeploy'
  | 'environments.history'
  | 'environments.analytics';

type Target = { environment: string; apiId: string };

export interface EnvironmentsIpcDeps {
  services: {
    environments: {
      list(): Promise<Response<'environments.list'>>;
      save(input: EnvironmentConfig): Promise<EnvironmentConfig>;
      delete(name: string): Promise<void>;
      status(name: string): Promise<EnvironmentStatus>;
      push(input: Target & { revisionId?: string; note?: string }): Promise<PushReport>;
      rollback(input: Target): Promise<PushReport>;
      undeploy(input: Target): Promise<PushReport>;
      history(environment: string, apiId?: string): Response<'environments.history'>;
      analytics(
        name: string,
        query: Omit<Request<'environments.analytics'>, 'name'>,
      ): Promise<Response<'environments.analytics'>>;
    };
  };
}

export function environmentsHandlers(
  deps: EnvironmentsIpcDeps,
): Pick<Handlers, EnvironmentsChannels> {
  const environments = () => deps.services.environments;
  return {
    'environments.list': () => environments().list(),
    'environments.save': (request) => environments().save(request),
    'environments.delete': async ({ name }) => {
      await environments().delete(name);
      return null;
    },
    'environments.status': ({ name }) => environments().status(name),
    'environments.push': (request) => environments().push(request),
    'environments.rollback': (request) => environments().rollback(request),
    'environments.undeploy': (request) => environments().undeploy(request),
    'environments.analytics': ({ name, ...query }) => environments().analytics(name, query),
    'environments.history': async ({ environment, apiId }) =>
      environments().history(environment, apiId),
  };
}
