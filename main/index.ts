/**
 * The Electron main process: lifecycle only. Everything that does work is a
 * service (`main/services`), reached through the IPC contract (`main/ipc`); the
 * window policy lives in `main/windows`, Electron-only adapters in `main/electron`.
 */
import { BrowserWindow, app, dialog, ipcMain, safeStorage, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioServices } from './services/index.js';
import type { StudioServices } from './services/index.js';
import { StudioError } from './services/errors.js';
import { createDispatcher } from './ipc/dispatch.js';
import { createHandlers } from './ipc/handlers.js';
import { connectServiceEvents, createEventHub } from './ipc/events.js';
import { forwardEvents, registerIpc } from './electron/register-ipc.js';
import { createElectronGatewayLauncher } from './electron/gateway-launcher.js';
import { createSafeStorageCipher } from './electron/secret-cipher.js';
import { pickFolder } from './electron/dialogs.js';
import { electronSqliteBinding } from './electron/native-binding.js';
import { workspaceFromArgv, workspaceFromPath } from './electron/launch-path.js';
import { appUrlFor, createMainWindow } from './windows/main-window.js';
import { installMenu } from './windows/menu.js';
import { isAppUrl, isSafeExternalUrl } from './windows/security.js';

// Paths inside the electron-vite output: out/main/{index,gateway}.js, out/preload, out/renderer.
const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererFile = join(here, '../renderer/index.html');
const gatewayModule = join(here, 'gateway.js');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isDev = !app.isPackaged;
// better-sqlite3 for Electron's ABI when unpackaged; the gateway utilityProcess inherits it
// through the environment, the studio's store gets it as an option.
const sqliteBinding = electronSqliteBinding(app.getAppPath(), app.isPackaged);
if (sqliteBinding) process.env.PORTICO_SQLITE_BINDING = sqliteBinding;

function log(level: string, message: string): void {
  console.error(`[portico] ${level}: ${message}`);
}

async function openExternal(url: string): Promise<void> {
  if (!isSafeExternalUrl(url))
    throw new StudioError('VALIDATION', 'url: only http and https links open in the browser');
  await shell.openExternal(url);
}

// Unpackaged, argv is [electron, app folder, ...]; packaged, [portico, ...].
const argvSkip = app.isPackaged ? 1 : 2;

function run(): void {
  let window: BrowserWindow | null = null;
  let services: StudioServices | null = null;
  let quitting = false;
  // A workspace asked for before the services exist (macOS `open-file` at launch).
  let requested: string | null = workspaceFromArgv(process.argv, argvSkip);

  const focusWindow = (): void => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  /** Opens a workspace a launch or a double-clicked `*.portico` file asked for. */
  const openRequested = (dir: string | null): void => {
    if (!dir) return;
    if (!services) {
      requested = dir;
      return;
    }
    services.workspace
      .open(dir)
      .catch((error: unknown) => log('warn', `opening ${dir}: ${String(error)}`));
    focusWindow();
  };

  const openWindow = (): void => {
    window = createMainWindow({ preloadPath, rendererFile, devServerUrl, openExternal });
    window.on('closed', () => {
      window = null;
    });
  };

  const start = async (): Promise<void> => {
    const studio = await createStudioServices({
      userDataPath: app.getPath('userData'),
      host: 'electron',
      appVersion: app.getVersion(),
      gatewayLauncher: createElectronGatewayLauncher({ modulePath: gatewayModule }),
      sampleWorkspacePath: join(app.getPath('documents'), 'Portico', 'Sample'),
      // electron-builder.yml ships the sample as an extra resource; unpackaged, the
      // services find resources/sample-workspace beside the source tree.
      ...(app.isPackaged && { sampleSourcePath: join(process.resourcesPath, 'sample-workspace') }),
      secretCipher: createSafeStorageCipher(safeStorage) ?? undefined,
      sqliteNativeBinding: sqliteBinding,
      ...(requested && { workspacePath: requested }),
      log,
    });
    requested = null;
    services = studio;

    const hub = createEventHub();
    connectServiceEvents(studio, hub);
    const appUrl = appUrlFor({ rendererFile, devServerUrl });
    const dispatch = createDispatcher(
      createHandlers({
        services: studio,
        openExternal,
        pickFolder: (mode) => pickFolder(dialog, window, mode),
      }),
      { log },
    );
    registerIpc(ipcMain, dispatch, (url) => isAppUrl(url, appUrl));
    forwardEvents(hub, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

    // The menu's recent list follows the workspace; rebuild only when that list changed.
    let menuKey = '';
    const refreshMenu = (): void => {
      const recent = studio.workspace.recent();
      const key = JSON.stringify(recent.map((r) => r.path));
      if (key === menuKey) return;
      menuKey = key;
      installMenu({
        recent,
        isDev,
        platform: process.platform,
        send: (command) => hub.publish('app.command', command),
        openExternal: (url) =>
          void openExternal(url).catch((error: unknown) => log('warn', String(error))),
      });
    };
    refreshMenu();
    studio.workspace.onChanged(refreshMenu);

    openWindow();
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    openRequested(workspaceFromArgv(argv, argvSkip, workingDirectory));
    focusWindow();
  });

  // macOS: a `*.portico` file opened in Finder, before or after the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openRequested(workspaceFromPath(path));
  });

  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop the gateway and flush the store before the process goes.
  app.on('before-quit', (event) => {
    if (quitting || !services) return;
    event.preventDefault();
    quitting = true;
    const closing = services;
    services = null;
    closing
      .close()
      .catch((error: unknown) => log('error', `closing services: ${String(error)}`))
      .finally(() => app.quit());
  });

  // Every renderer is sandboxed, whatever a window's own options say.
  app.enableSandbox();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(
        'error',
        `startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      dialog.showErrorBox(
        'Portico could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

// A second launch focuses the running studio instead of opening the same workspace twice.
if (app.requestSingleInstanceLock()) run();
else app.quit();
