/**
 * The studio's shared UI state. Server data (workspace, gateway status) arrives
 * from IPC calls and push events; everything else is what the user has open.
 */
import type { GatewayStatus, RecentWorkspace, WorkspaceInfo } from '../../../main/ipc/contract';
import { createStore, useStore } from './store';

export type Theme = 'light' | 'dark';

/**
 * What a tab shows: an API's designer, or one of the studio's views (see
 * `features/tabs/view-registry.tsx`). Views add their kind here.
 */
export type TabKind =
  | 'api'
  | 'environments'
  | 'traffic'
  | 'analytics'
  | 'applications'
  | 'policies'
  | 'ai-vendors'
  | 'search'
  | 'sequence';

/** An open editor tab. */
export interface Tab {
  /**
   * `api:<apiId>` for a designer, `<kind>` for a single-instance view,
   * `<kind>:<resource>` for a view of one workspace resource (a sequence).
   */
  id: string;
  kind: TabKind;
  /** The API of an `api` tab; empty otherwise. */
  apiId: string;
  /** The workspace resource a per-resource view shows (a sequence's name); empty otherwise. */
  resource?: string;
  title: string;
}

export type Dialog =
  | { kind: 'openWorkspace' }
  | { kind: 'newWorkspace' }
  | { kind: 'createApi' }
  | { kind: 'shortcuts' }
  | { kind: 'confirmClose'; tabId: string };

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  /** The error catalogue code (`DEFINITION_INVALID`), shown beside the message. */
  code: string | null;
  message: string;
}

export interface AppState {
  /** False until the first `workspace.current` answer, so the UI does not flash the welcome screen. */
  loaded: boolean;
  workspace: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  gateway: GatewayStatus | null;
  tabs: Tab[];
  activeTabId: string | null;
  /** Tabs with unsaved edits. */
  dirty: ReadonlySet<string>;
  dialog: Dialog | null;
  notices: Notice[];
  theme: Theme;
  /**
   * A request to show a line of an API's definition (a search hit, an outline
   * entry): the designer of `apiId` switches to its definition and reveals the
   * line, then clears this. `nonce` makes a repeated jump to the same line count.
   */
  reveal: { apiId: string; line: number; nonce: number } | null;
}

export const appStore = createStore<AppState>({
  loaded: false,
  workspace: null,
  recent: [],
  gateway: null,
  tabs: [],
  activeTabId: null,
  dirty: new Set(),
  dialog: null,
  notices: [],
  theme: 'light',
  reveal: null,
});

export function useApp<S>(select: (state: AppState) => S): S {
  return useStore(appStore, select);
}

export function setState(
  patch: Partial<AppState> | ((state: AppState) => Partial<AppState>),
): void {
  appStore.set((state) => ({ ...state, ...(typeof patch === 'function' ? patch(state) : patch) }));
}

export function openDialog(dialog: Dialog): void {
  setState({ dialog });
}

export function closeDialog(): void {
  setState({ dialog: null });
}

export function setDirty(tabId: string, dirty: boolean): void {
  appStore.set((state) => {
    if (state.dirty.has(tabId) === dirty) return state;
    const next = new Set(state.dirty);
    if (dirty) next.add(tabId);
    else next.delete(tabId);
    return { ...state, dirty: next };
  });
}
