import type { WorkspaceInfo } from '../../../../main/ipc/contract';
import { appStore, openDialog, setState } from '../../state/app-store';
import type { Tab, TabKind } from '../../state/app-store';

export function apiTabId(apiId: string): string {
  return `api:${apiId}`;
}

export function openApiTab(apiId: string): void {
  const id = apiTabId(apiId);
  setState((state) => {
    if (state.tabs.some((t) => t.id === id)) return { activeTabId: id };
    const api = state.workspace?.apis.find((a) => a.id === apiId);
    const title = api ? `${api.name} ${api.version}` : apiId;
    const tab: Tab = { id, kind: 'api', apiId, title };
    return { tabs: [...state.tabs, tab], activeTabId: id };
  });
}

/**
 * Opens (or brings to front) a view. Without `resource` there is one tab per
 * kind; with it, one per resource (`sequence:<name>`).
 */
export function openViewTab(kind: Exclude<TabKind, 'api'>, title: string, resource?: string): void {
  const id = resource === undefined ? kind : `${kind}:${resource}`;
  setState((state) => {
    if (state.tabs.some((t) => t.id === id)) return { activeTabId: id };
    const tab: Tab = {
      id,
      kind,
      apiId: '',
      title,
      ...(resource === undefined ? {} : { resource }),
    };
    return { tabs: [...state.tabs, tab], activeTabId: id };
  });
}

export function activateTab(id: string): void {
  setState({ activeTabId: id });
}

/** Closes a tab, asking first when it holds unsaved edits (unless `force`). */
export function closeTab(id: string, force = false): void {
  const state = appStore.get();
  if (!force && state.dirty.has(id)) {
    openDialog({ kind: 'confirmClose', tabId: id });
    return;
  }
  setState((s) => {
    const index = s.tabs.findIndex((t) => t.id === id);
    if (index === -1) return {};
    const tabs = s.tabs.filter((t) => t.id !== id);
    const dirty = new Set(s.dirty);
    dirty.delete(id);
    // Closing the active tab selects its right neighbour, as editors usually do.
    const activeTabId =
      s.activeTabId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : s.activeTabId;
    return { tabs, activeTabId, dirty };
  });
}

export function closeActiveTab(): void {
  const { activeTabId } = appStore.get();
  if (activeTabId) closeTab(activeTabId);
}

/** Moves the selection `step` tabs along, wrapping around. */
export function cycleTab(step: 1 | -1): void {
  setState((s) => {
    if (s.tabs.length < 2) return {};
    const index = s.tabs.findIndex((t) => t.id === s.activeTabId);
    const next = s.tabs[(index + step + s.tabs.length) % s.tabs.length];
    return next ? { activeTabId: next.id } : {};
  });
}

/**
 * Keeps tabs in step with the workspace: another folder closes them all; in the
 * same folder, titles follow renames. A tab whose API vanished on disk stays open
 * so its unsaved edits are not lost; the designer says the API is gone.
 */
export function reconcileTabs(previous: WorkspaceInfo | null, next: WorkspaceInfo | null): void {
  if (!next || (previous && previous.root !== next.root)) {
    setState({ tabs: [], activeTabId: null, dirty: new Set() });
    return;
  }
  setState((s) => ({
    tabs: s.tabs.map((tab) => {
      const api = next.apis.find((a) => a.id === tab.apiId);
      const title = api ? `${api.name} ${api.version}` : tab.title;
      return title === tab.title ? tab : { ...tab, title };
    }),
  }));
}
