import type { SearchHit } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface SearchIpcDeps {
  services: {
    search: { query(text: string, options: { limit?: number }): SearchHit[] };
  };
}

export function searchHandlers(deps: SearchIpcDeps): Pick<Handlers, 'search.query'> {
  return {
    'search.query': async ({ query, limit }) =>
      deps.services.search.query(query, limit === undefined ? {} : { limit }),
  };
}
