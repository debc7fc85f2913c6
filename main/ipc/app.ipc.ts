import type { AppInfo } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface AppIpcDeps {
  services: { appInfo(): AppInfo };
  /**
   * Opens a URL in the system browser. Electron checks it with `isSafeExternalUrl`
   * and calls `shell.openExternal`; the web host has no such power and throws
   * `UNSUPPORTED` (the browser client opens links itself).
   */
  openExternal(url: string): Promise<void>;
}

export function appHandlers(deps: AppIpcDeps): Pick<Handlers, 'app.info' | 'app.openExternal'> {
  return {
    'app.info': async () => deps.services.appInfo(),
    'app.openExternal': async ({ url }) => {
      await deps.openExternal(url);
      return null;
    },
  };
}
