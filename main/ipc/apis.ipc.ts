import type { ApiDetail, ApiSummary } from './contract.js';
import type { Handlers } from './dispatch.js';

type ApisChannels =
  'apis.get' | 'apis.create' | 'apis.saveDefinition' | 'apis.updateSettings' | 'apis.delete';

export interface ApisIpcDeps {
  services: {
    workspace: {
      getApi(id: string): Promise<ApiDetail>;
      createApi(input: {
        content: string;
        fileName?: string;
        name?: string;
        version?: string;
        context?: string;
      }): Promise<ApiSummary>;
      saveDefinition(id: string, content: string): Promise<ApiDetail>;
      updateApiSettings(input: {
        id: string;
        context?: string;
        isDefaultVersion?: boolean;
        endpoints?: { production?: string | null; sandbox?: string | null };
      }): Promise<ApiDetail>;
      deleteApi(id: string): Promise<void>;
    };
  };
}

export function apisHandlers(deps: ApisIpcDeps): Pick<Handlers, ApisChannels> {
  const workspace = () => deps.services.workspace;
  return {
    'apis.get': ({ id }) => workspace().getApi(id),
    'apis.create': (request) => workspace().createApi(request),
    'apis.saveDefinition': ({ id, content }) => workspace().saveDefinition(id, content),
    'apis.updateSettings': (request) => workspace().updateApiSettings(request),
    'apis.delete': async ({ id }) => {
      await workspace().deleteApi(id);
      return null;
    },
  };
}
