/**
 * The studio's one window, wired with the policy from `security.ts`: sandboxed
 * webPreferences, navigation locked to the app, new windows denied (http(s) links
 * go to the system browser), permissions denied by default, and the CSP header.
 */
import { BrowserWindow, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { cspFor } from './csp-lint-worker.js';
import {
  decideWindowOpen,
  isAppUrl,
  isPermissionGranted,
  secureWebPreferences,
} from './security.js';

/** Options of `createMainWindow`. */
export interface MainWindowOptions {
  /** The built preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** The built renderer's `index.html`, loaded in production. */
  rendererFile: string;
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), used instead of the file in `npm run dev`. */
  devServerUrl?: string;
  /** Opens a URL in the system browser; `shell.openExternal` by default. */
  openExternal?: (url: string) => Promise<void>;
}

/** The URL the window loads and the only one it may navigate to. */
export function appUrlFor(
  options: Pick<MainWindowOptions, 'rendererFile' | 'devServerUrl'>,
): string {
  return options.devServerUrl ?? pathToFileURL(options.rendererFile).href;
}

/** Keeps a webContents on the app: no navigation away, no new windows, no webviews. */
export function guardWebContents(
  contents: WebContents,
  appUrl: string,
  openExternal: (url: string) => Promise<void>,
): void {
  const stayOnApp = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    const decision = decideWindowOpen(details);
    if (decision.openExternally) openExternal(decision.openExternally).catch(() => undefined);
    return { action: decision.action };
  });
}

/**
 * Denies every permission request and check except the small allowlist, and
 * adds the CSP header to every response (the meta tag covers `file://` loads).
 * The dev server needs inline scripts and a websocket for hot reload, so the
 * header is left to the (dev-relaxed) meta tag there.
 */
export function secureSession(session: Session, appUrl: string, options: { dev: boolean }): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? '', appUrl),
  );
  if (options.dev) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        // The lint worker's script alone may evaluate generated code (see csp-lint-worker.ts).
        'Content-Security-Policy': [cspFor(new URL(details.url).pathname)],
      },
    });
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const appUrl = appUrlFor(options);
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Portico',
    // Shown once painted, so the user never sees a white flash.
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  secureSession(window.webContents.session, appUrl, { dev: options.devServerUrl !== undefined });
  guardWebContents(
    window.webContents,
    appUrl,
    options.openExternal ?? ((url) => shell.openExternal(url)),
  );
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(options.rendererFile);
  return window;
}
