import { LINT_WORKER_CSP } from './csp-lint-worker.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A recording stand-in for the parts of Electron the window uses.
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  const created: Array<{ options: Record<string, unknown>; window: FakeWindow }> = [];
  class FakeContents {
    listeners = new Map<string, Handler>();
    windowOpenHandler: Handler | null = null;
    session = {
      requestHandler: null as Handler | null,
      checkHandler: null as Handler | null,
      headersHandler: null as Handler | null,
      setPermissionRequestHandler(h: Handler) {
        this.requestHandler = h;
      },
      setPermissionCheckHandler(h: Handler) {
        this.checkHandler = h;
      },
      webRequest: {
        onHeadersReceived: (h: Handler) => {
          if (fake.lastSession) fake.lastSession.headersHandler = h;
        },
      },
    };
    on(name: string, h: Handler) {
      this.listeners.set(name, h);
    }
    setWindowOpenHandler(h: Handler) {
      this.windowOpenHandler = h;
    }
  }
  class FakeWindow {
    webContents = new FakeContents();
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      fake.lastSession = this.webContents.session;
      created.push({ options, window: this });
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded.push(`url:${url}`);
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded.push(`file:${file}`);
      return Promise.resolve();
    }
  }
  const fake = {
    created,
    lastSession: null as FakeContents['session'] | null,
    openExternal: vi.fn(() => Promise.resolve()),
    FakeWindow,
  };
  return fake;
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  shell: { openExternal: electron.openExternal },
}));

const { createMainWindow, appUrlFor } = await import('./main-window.js');
const { CONTENT_SECURITY_POLICY } = await import('./csp.js');

const rendererFile = '/opt/portico/out/renderer/index.html';

function open(devServerUrl?: string) {
  electron.created.length = 0;
  createMainWindow({
    preloadPath: '/opt/portico/out/preload/index.cjs',
    rendererFile,
    ...(devServerUrl ? { devServerUrl } : {}),
  });
  const entry = electron.created[0];
  if (!entry) throw new Error('no window created');
  return entry;
}

beforeEach(() => electron.openExternal.mockClear());

describe('createMainWindow', () => {
  it('passes the secure webPreferences with the preload', () => {
    const { options } = open();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/portico/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('loads the built renderer, or the dev server when given', () => {
    expect(open().window.loaded).toEqual([`file:${rendererFile}`]);
    expect(open('http://localhost:5173/').window.loaded).toEqual(['url:http://localhost:5173/']);
    expect(appUrlFor({ rendererFile })).toBe('file:///opt/portico/out/renderer/index.html');
  });

  it('blocks navigation away from the app and webview attachment', () => {
    const contents = open().window.webContents;
    const navigate = contents.listeners.get('will-navigate');
    const redirect = contents.listeners.get('will-redirect');
    const attach = contents.listeners.get('will-attach-webview');
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://evil.example/');
    redirect?.(away, 'file:///etc/passwd');
    expect(away.preventDefault).toHaveBeenCalledTimes(2);
    const within = { preventDefault: vi.fn() };
    navigate?.(within, `${appUrlFor({ rendererFile })}#/apis`);
    expect(within.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    attach?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies new windows and sends only http(s) links to the system browser', () => {
    const contents = open().window.webContents;
    expect(
      contents.windowOpenHandler?.({ url: 'https://wso2.com/', disposition: 'foreground-tab' }),
    ).toEqual({
      action: 'deny',
    });
    expect(electron.openExternal).toHaveBeenCalledWith('https://wso2.com/');
    expect(
      contents.windowOpenHandler?.({ url: 'file:///etc/passwd', disposition: 'foreground-tab' }),
    ).toEqual({
      action: 'deny',
    });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies permission requests and checks by default', () => {
    const session = open().window.webContents.session;
    const callback = vi.fn();
    const appUrl = appUrlFor({ rendererFile });
    session.requestHandler?.(null, 'media', callback, { requestingUrl: appUrl });
    session.requestHandler?.(null, 'notifications', callback, { requestingUrl: appUrl });
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(session.checkHandler?.(null, 'geolocation', 'file://', { requestingUrl: appUrl })).toBe(
      false,
    );
    expect(
      session.checkHandler?.(null, 'clipboard-sanitized-write', 'file://', {
        requestingUrl: appUrl,
      }),
    ).toBe(true);
  });

  it('adds the CSP header in production and leaves the dev server to its meta tag', () => {
    const session = open().window.webContents.session;
    const callback = vi.fn();
    session.headersHandler?.(
      { url: 'file:///app/out/renderer/index.html', responseHeaders: { 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    // The lint worker's script alone may evaluate code (Spectral's Ajv compiles schemas).
    session.headersHandler?.(
      { url: 'file:///app/out/renderer/assets/lint-worker-Ab12.js', responseHeaders: {} },
      callback,
    );
    expect(callback).toHaveBeenLastCalledWith({
      responseHeaders: { 'Content-Security-Policy': [LINT_WORKER_CSP] },
    });
    const devSession = open('http://localhost:5173/').window.webContents.session;
    expect(devSession.headersHandler).toBeNull();
  });
});
