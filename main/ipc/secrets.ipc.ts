import type { SecretInfo } from './contract.js';
import type { Handlers } from './dispatch.js';

type SecretsChannels = 'secrets.list' | 'secrets.set' | 'secrets.delete';

export interface SecretsIpcDeps {
  services: {
    /** The store's secrets: values go in encrypted and never come back out over IPC. */
    secrets: {
      has(name: string): boolean;
      names(): string[];
      set(name: string, value: string): void;
      delete(name: string): void;
    };
  };
}

export function secretsHandlers(deps: SecretsIpcDeps): Pick<Handlers, SecretsChannels> {
  const secrets = () => deps.services.secrets;
  return {
    'secrets.list': async ({ names }): Promise<SecretInfo[]> =>
      (names ?? secrets().names()).map((name) => ({ name, set: secrets().has(name) })),
    'secrets.set': async ({ name, value }) => {
      secrets().set(name, value);
      return { name, set: true };
    },
    'secrets.delete': async ({ name }) => {
      secrets().delete(name);
      return null;
    },
  };
}
