/**
 * The native menu. Commands that belong to the UI (new workspace, open, new API,
 * theme) are not run here: they reach the renderer as the `app.command` push
 * event, so the menu and the UI's own buttons run the same flow.
 */
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentWorkspace } from '../ipc/contract.js';

/** Options of `buildMenuTemplate`. */
export interface MenuOptions {
  recent: readonly RecentWorkspace[];
  /** DevTools are offered only while developing. */
  isDev: boolean;
  platform: NodeJS.Platform;
  /** Sends a command to the renderer (the `app.command` event). */
  send(command: AppCommand): void;
  openExternal(url: string): void;
}

const MAX_RECENT = 10;
const DOCS_URL = 'https://apim.docs.wso2.com/en/4.4.0/';

function recentItems(options: MenuOptions): MenuItemConstructorOptions[] {
  if (options.recent.length === 0) return [{ label: 'No Recent Workspaces', enabled: false }];
  return options.recent.slice(0, MAX_RECENT).map((workspace) => ({
    label: `${workspace.name} — ${workspace.path}`,
    click: () => options.send({ command: 'workspace.openRecent', path: workspace.path }),
  }));
}

/**
 * The renderer handles these shortcuts itself (the same keys work in the web host), so
 * the menu shows them without registering them: one key press runs one command.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'New Workspace…',
        accelerator: 'CmdOrCtrl+Shift+N',
        registerAccelerator: false,
        click: () => options.send({ command: 'workspace.new' }),
      },
      {
        label: 'Open Workspace…',
        accelerator: 'CmdOrCtrl+O',
        registerAccelerator: false,
        click: () => options.send({ command: 'workspace.open' }),
      },
      { label: 'Open Recent', submenu: recentItems(options) },
      { type: 'separator' },
      {
        label: 'New API…',
        accelerator: 'CmdOrCtrl+N',
        registerAccelerator: false,
        click: () => options.send({ command: 'api.new' }),
      },
      // macOS keeps Quit in the app menu.
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      {
        label: 'Toggle Theme',
        accelerator: 'CmdOrCtrl+Shift+L',
        registerAccelerator: false,
        click: () => options.send({ command: 'theme.toggle' }),
      },
      { type: 'separator' },
      { role: 'reload' },
      ...(options.isDev ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'WSO2 API Manager 4.4 Documentation', click: () => options.openExternal(DOCS_URL) },
      ...(isMac ? [] : [{ role: 'about' } as const]),
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}

/** Builds and installs the application menu; call again when the recent list changes. */
export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
