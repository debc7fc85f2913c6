import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../../main/ipc/contract';
import { appStore, setDirty, setState } from '../../state/app-store';
import { apiTabId, closeTab, cycleTab, openApiTab, reconcileTabs } from './tabs';

function workspace(
  root: string,
  apis: { id: string; name: string; version: string }[],
): WorkspaceInfo {
  return {
    root,
    name: root,
    resources: [],
    problems: [],
    apis: apis.map((a) => ({
      ...a,
      context: `/${a.name.toLowerCase()}`,
      type: 'REST',
      definitionFormat: 'openapi',
      path: `apis/${a.id}`,
      operationCount: 0,
    })),
  };
}

const ws = workspace('/ws', [
  { id: 'A-1', name: 'A', version: '1' },
  { id: 'B-1', name: 'B', version: '1' },
  { id: 'C-1', name: 'C', version: '1' },
]);

beforeEach(() => {
  setState({ workspace: ws, tabs: [], activeTabId: null, dirty: new Set(), dialog: null });
});

const ids = () => appStore.get().tabs.map((t) => t.apiId);
const active = () => appStore.get().activeTabId;

describe('tabs', () => {
  it('opens one tab per API, titled from the workspace, and selects it', () => {
    openApiTab('A-1');
    openApiTab('B-1');
    openApiTab('A-1');
    expect(ids()).toEqual(['A-1', 'B-1']);
    expect(active()).toBe(apiTabId('A-1'));
    expect(appStore.get().tabs[0]?.title).toBe('A 1');
  });

  it('closing the active tab selects its right neighbour, or the last one', () => {
    for (const id of ['A-1', 'B-1', 'C-1']) openApiTab(id);
    setState({ activeTabId: apiTabId('B-1') });
    closeTab(apiTabId('B-1'));
    expect(active()).toBe(apiTabId('C-1'));
    closeTab(apiTabId('C-1'));
    expect(active()).toBe(apiTabId('A-1'));
    closeTab(apiTabId('A-1'));
    expect(active()).toBeNull();
  });

  it('asks before closing a tab with unsaved edits, unless forced', () => {
    openApiTab('A-1');
    setDirty(apiTabId('A-1'), true);
    closeTab(apiTabId('A-1'));
    expect(ids()).toEqual(['A-1']);
    expect(appStore.get().dialog).toEqual({ kind: 'confirmClose', tabId: apiTabId('A-1') });
    closeTab(apiTabId('A-1'), true);
    expect(ids()).toEqual([]);
    expect(appStore.get().dirty.size).toBe(0);
  });

  it('cycles in both directions and wraps around', () => {
    for (const id of ['A-1', 'B-1', 'C-1']) openApiTab(id);
    cycleTab(1);
    expect(active()).toBe(apiTabId('A-1'));
    cycleTab(-1);
    expect(active()).toBe(apiTabId('C-1'));
  });

  it('follows renames in the same folder and closes everything for another folder', () => {
    openApiTab('A-1');
    const renamed = workspace('/ws', [{ id: 'A-1', name: 'Alpha', version: '1' }]);
    reconcileTabs(ws, renamed);
    expect(appStore.get().tabs[0]?.title).toBe('Alpha 1');

    reconcileTabs(renamed, workspace('/other', []));
    expect(ids()).toEqual([]);
    expect(active()).toBeNull();
  });

  it('keeps a tab whose API vanished, so its edits are not lost', () => {
    openApiTab('B-1');
    reconcileTabs(ws, workspace('/ws', []));
    expect(ids()).toEqual(['B-1']);
  });
});
