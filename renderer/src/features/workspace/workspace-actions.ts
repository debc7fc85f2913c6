import type { WorkspaceInfo } from '../../../../main/ipc/contract';
import { hostKind, ipc } from '../../ipc/client';
import { appStore, openDialog, setState } from '../../state/app-store';
import { reportError } from '../notifications/notify';
import { reconcileTabs } from '../tabs/tabs';

/** Takes a workspace answer (a call's result or a `workspace.changed` push) into the UI. */
export function applyWorkspace(next: WorkspaceInfo | null): void {
  const { workspace: previous, loaded } = appStore.get();
  setState({ workspace: next, loaded: true });
  reconcileTabs(previous, next);
  document.title = next ? `${next.name} — Portico` : 'Portico';
  // Another folder opened (the Electron menu, another window): the recent list moved.
  if (loaded && next && previous?.root !== next.root) void refreshRecent();
}

export async function refreshRecent(): Promise<void> {
  try {
    setState({ recent: await ipc.workspace.recent() });
  } catch (error) {
    reportError(error, 'Could not list recent workspaces');
  }
}

/** Opens a folder; rejects with the host's error so a dialog can show it beside the typed path. */
export async function openWorkspaceAt(path: string): Promise<void> {
  applyWorkspace(await ipc.workspace.open({ path }));
  void refreshRecent();
}

export async function createWorkspaceAt(path: string, sample: boolean): Promise<void> {
  applyWorkspace(await ipc.workspace.create({ path, sample }));
  void refreshRecent();
}

/** File > Open: the native picker in Electron; the web host has none, so a typed path. */
export async function requestOpenWorkspace(): Promise<void> {
  if (hostKind() === 'web') {
    openDialog({ kind: 'openWorkspace' });
    return;
  }
  try {
    const { path } = await ipc.workspace.pickFolder({ mode: 'open' });
    if (path) await openWorkspaceAt(path);
  } catch (error) {
    reportError(error, 'Could not open the workspace');
  }
}

/** A recent entry: open it directly, reporting a folder that has since gone. */
export async function openRecent(path: string): Promise<void> {
  try {
    await openWorkspaceAt(path);
  } catch (error) {
    reportError(error, `Could not open ${path}`);
  }
}

/** Asks the native picker for a folder; `null` when cancelled or in the web host. */
export async function pickFolder(mode: 'open' | 'create'): Promise<string | null> {
  if (hostKind() === 'web') return null;
  try {
    return (await ipc.workspace.pickFolder({ mode })).path;
  } catch (error) {
    reportError(error);
    return null;
  }
}
