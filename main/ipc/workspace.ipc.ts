import type { RecentWorkspace, WorkspaceInfo } from './contract.js';
import type { Handlers } from './dispatch.js';

type WorkspaceChannels =
  | 'workspace.current'
  | 'workspace.open'
  | 'workspace.create'
  | 'workspace.recent'
  | 'workspace.pickFolder';

export interface WorkspaceIpcDeps {
  services: {
    workspace: {
      current(): WorkspaceInfo | null;
      open(path: string): Promise<WorkspaceInfo>;
      create(path: string, options: { sample: boolean }): Promise<WorkspaceInfo>;
      recent(): RecentWorkspace[];
    };
  };
  /** The native folder picker; `null` when cancelled or when the host has none (web). */
  pickFolder(mode: 'open' | 'create'): Promise<string | null>;
}

export function workspaceHandlers(deps: WorkspaceIpcDeps): Pick<Handlers, WorkspaceChannels> {
  const workspace = () => deps.services.workspace;
  return {
    'workspace.current': async () => workspace().current(),
    'workspace.open': ({ path }) => workspace().open(path),
    'workspace.create': ({ path, sample }) => workspace().create(path, { sample }),
    'workspace.recent': async () => workspace().recent(),
    'workspace.pickFolder': async ({ mode }) => ({ path: await deps.pickFolder(mode) }),
  };
}
