/**
 * The studio's actions by name. Menus, keyboard shortcuts and the Electron menu
 * (`app.command` pushes) all run them through `runCommand`, so each action has one
 * implementation however it is triggered.
 */
import { appStore, openDialog } from '../../state/app-store';
import { toggleTheme } from '../theme/theme';
import { closeActiveTab, cycleTab } from '../tabs/tabs';
import { notify } from '../notifications/notify';
import { openRecent, requestOpenWorkspace } from '../workspace/workspace-actions';
import { focusSearch } from '../search/search-focus';

export type CommandId =
  | 'workspace.new'
  | 'workspace.open'
  | 'api.new'
  | 'theme.toggle'
  | 'file.save'
  | 'tab.close'
  | 'tab.next'
  | 'tab.previous'
  | 'help.shortcuts'
  | 'search.focus';

const savers = new Map<string, () => void>();

/** The designer of a tab registers how that tab saves; Ctrl/Cmd+S calls the active one. */
export function registerSaver(tabId: string, save: () => void): () => void {
  savers.set(tabId, save);
  return () => {
    if (savers.get(tabId) === save) savers.delete(tabId);
  };
}

/** Whether a command can run now; menus disable what cannot. */
export function canRun(command: CommandId): boolean {
  const state = appStore.get();
  switch (command) {
    case 'api.new':
    case 'search.focus':
      return state.workspace !== null;
    case 'file.save':
      return state.activeTabId !== null && savers.has(state.activeTabId);
    case 'tab.close':
      return state.activeTabId !== null;
    case 'tab.next':
    case 'tab.previous':
      return state.tabs.length > 1;
    default:
      return true;
  }
}

export function runCommand(command: CommandId): void {
  const state = appStore.get();
  switch (command) {
    case 'workspace.new':
      openDialog({ kind: 'newWorkspace' });
      return;
    case 'workspace.open':
      void requestOpenWorkspace();
      return;
    case 'api.new':
      if (state.workspace) openDialog({ kind: 'createApi' });
      else notify('Open or create a workspace first; APIs live in its folder.');
      return;
    case 'theme.toggle':
      toggleTheme();
      return;
    case 'file.save': {
      const save = state.activeTabId ? savers.get(state.activeTabId) : undefined;
      save?.();
      return;
    }
    case 'tab.close':
      closeActiveTab();
      return;
    case 'tab.next':
      cycleTab(1);
      return;
    case 'tab.previous':
      cycleTab(-1);
      return;
    case 'help.shortcuts':
      openDialog({ kind: 'shortcuts' });
      return;
    case 'search.focus':
      if (!focusSearch()) notify('Open or create a workspace first; search looks inside its APIs.');
      return;
  }
}

let lastRun: { command: CommandId; source: 'keyboard' | 'menu'; at: number } | null = null;

/**
 * In Electron one key press can reach both the native menu (its accelerator sends
 * `app.command`) and the page (its keydown), depending on the platform. Whichever
 * comes second within a moment is the same press and is dropped, so a theme
 * toggle never flips twice.
 */
export function isEcho(command: CommandId, source: 'keyboard' | 'menu'): boolean {
  const now = performance.now();
  const echo =
    lastRun !== null &&
    lastRun.command === command &&
    lastRun.source !== source &&
    now - lastRun.at < 400;
  lastRun = { command, source, at: now };
  return echo;
}

/** A command from the Electron menu: the same actions as the in-page menu and shortcuts. */
export function runAppCommand(command: { command: string; path?: string }): void {
  switch (command.command) {
    case 'workspace.new':
    case 'workspace.open':
    case 'api.new':
    case 'theme.toggle':
      if (!isEcho(command.command, 'menu')) runCommand(command.command);
      return;
    case 'workspace.openRecent':
      if (command.path) void openRecent(command.path);
      return;
  }
}
