import type { RevisionDiff, RevisionInfo } from './contract.js';
import type { Handlers } from './dispatch.js';

type RevisionsChannels = 'revisions.list' | 'revisions.create' | 'revisions.diff';

export interface RevisionsIpcDeps {
  services: {
    revisions: {
      list(apiId: string): RevisionInfo[];
      create(apiId: string, note?: string): Promise<{ revision: RevisionInfo; created: boolean }>;
      diff(from: string, to: string): RevisionDiff;
    };
  };
}

export function revisionsHandlers(deps: RevisionsIpcDeps): Pick<Handlers, RevisionsChannels> {
  const revisions = () => deps.services.revisions;
  return {
    'revisions.list': async ({ apiId }) => revisions().list(apiId),
    'revisions.create': ({ apiId, note }) => revisions().create(apiId, note),
    'revisions.diff': async ({ from, to }) => revisions().diff(from, to),
  };
}
