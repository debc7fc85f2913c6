/**
 * In-memory stand-ins for the revisions and environments services, for tests of
 * the bridge: environments are kept in a map; revisions, pushes and status need
 * real gateways, so they answer as a studio with none would.
 */
import type { EnvironmentConfig, EnvironmentProgress } from './contract.js';
import type { IpcDeps } from './handlers.js';
import { StudioError } from '../services/errors.js';

type PublishingServices = Pick<IpcDeps['services'], 'revisions' | 'environments' | 'secrets'> & {
  environments: { onProgress(listener: (progress: EnvironmentProgress) => void): () => void };
};

export function createFakePublishingServices(): PublishingServices {
  const environments = new Map<string, EnvironmentConfig>();
  const secrets = new Map<string, string>();
  const missing = (name: string): never => {
    throw new StudioError(
      'NOT_FOUND',
      `environment: no environments/${name}.yaml in the workspace`,
    );
  };
  const noRevision = (apiId: string): never => {
    throw new StudioError('NOT_FOUND', `apiId: no API "${apiId}" in the workspace`);
  };
  return {
    revisions: {
      list: () => [],
      create: async (apiId) => noRevision(apiId),
      diff: (from) => {
        throw new StudioError('NOT_FOUND', `revision: no revision "${from}"`);
      },
    },
    environments: {
      list: async () => ({ environments: [...environments.values()], problems: [] }),
      save: async (input) => {
        environments.set(input.name, input);
        return input;
      },
      delete: async (name) => {
        environments.delete(name);
      },
      status: async (name) =>
        environments.has(name)
          ? { environment: name, state: 'unreachable', nodes: [], apis: [] }
          : missing(name),
      push: async ({ apiId }) => noRevision(apiId),
      rollback: async ({ environment }) => missing(environment),
      undeploy: async ({ environment }) => missing(environment),
      history: () => [],
      analytics: async (name) => (environments.has(name) ? [] : missing(name)),
      // Pushes fail before they reach a node here, so no progress is ever reported.
      onProgress: () => () => undefined,
    },
    secrets: {
      has: (name) => secrets.has(name),
      names: () => [...secrets.keys()].sort(),
      set: (name, value) => {
        secrets.set(name, value);
      },
      delete: (name) => {
        secrets.delete(name);
      },
    },
  };
}
