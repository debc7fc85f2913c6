/**
 * The Electron window's security policy as pure functions, so every decision is
 * unit-tested without Electron: the webPreferences, which navigations and new
 * windows are allowed, which URLs may go to the system browser, and which
 * permissions a page gets (none, but writing text to the clipboard from the app).
 *
 * Types only from Electron here; `main-window.ts` wires these into a window.
 */
import type { HandlerDetails, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.js';

export { CONTENT_SECURITY_POLICY };

/** The renderer runs sandboxed and isolated, with no Node, and sees main only through the preload. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** http(s) with a host and no credentials: what may be handed to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/**
 * True when `target` is the app itself: the same file (production loads
 * `out/renderer/index.html`) or the same origin (the dev server). Hash and
 * query may differ, since client-side routing only changes those.
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  const to = parse(target);
  const app = parse(appUrl);
  if (!to || !app) return false;
  if (app.protocol === 'file:')
    return to.protocol === 'file:' && to.host === app.host && to.pathname === app.pathname;
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return to.origin === app.origin;
}

/** What `setWindowOpenHandler` decides: always deny, and maybe open the URL in the system browser. */
export interface WindowOpenDecision {
  action: 'deny';
  openExternally: string | null;
}

/**
 * A link with `target="_blank"` (or a shift/ctrl-click) asks for a new window. The
 * studio never opens one; an http(s) link the user followed goes to the system
 * browser instead. Other dispositions (`default`, `other`) open nothing.
 */
export function decideWindowOpen(
  details: Pick<HandlerDetails, 'url' | 'disposition'>,
): WindowOpenDecision {
  const fromLink = ['foreground-tab', 'background-tab', 'new-window'].includes(details.disposition);
  return {
    action: 'deny',
    openExternally: fromLink && isSafeExternalUrl(details.url) ? details.url : null,
  };
}

/**
 * Permissions a page of the app may use without asking. Copying text (a key, a URL,
 * an editor selection) needs `clipboard-sanitized-write`; everything else, from
 * camera to notifications, is refused.
 */
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Decides a permission request or check: granted only for the allowlist and only
 * when the page asking is the app itself.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  appUrl: string,
): boolean {
  return grantedPermissions.has(permission) && isAppUrl(requestingUrl, appUrl);
}
