import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from './csp.js';
import {
  CONTENT_SECURITY_POLICY,
  decideWindowOpen,
  isAppUrl,
  isPermissionGranted,
  isSafeExternalUrl,
  secureWebPreferences,
} from './security.js';

const fileApp = 'file:///opt/Portico/resources/app/out/renderer/index.html';
const devApp = 'http://localhost:5173/';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and keeps Node out of it', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://wso2.com/api-manager/', 'http://127.0.0.1:8280/petstore/1.0.0/pets'])(
    'allows %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id',
    'data:text/html,hi',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAppUrl (navigation guard)', () => {
  it('allows the app file with any hash or query, and nothing else on file:', () => {
    expect(isAppUrl(fileApp, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}#/apis/PetStore-1.0.0`, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}?x=1`, fileApp)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAppUrl('file:///opt/Portico/resources/app/out/renderer/other.html', fileApp)).toBe(
      false,
    );
  });

  it('allows the dev server origin only', () => {
    expect(isAppUrl('http://localhost:5173/some/route', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', devApp)).toBe(false);
    expect(isAppUrl('https://evil.example/', devApp)).toBe(false);
  });

  it('refuses garbage on either side', () => {
    expect(isAppUrl('::', fileApp)).toBe(false);
    expect(isAppUrl(fileApp, 'about:blank')).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('always denies, and hands a clicked http(s) link to the system browser', () => {
    expect(
      decideWindowOpen({ url: 'https://example.com/', disposition: 'foreground-tab' }),
    ).toEqual({
      action: 'deny',
      openExternally: 'https://example.com/',
    });
    expect(
      decideWindowOpen({ url: 'https://example.com/', disposition: 'background-tab' })
        .openExternally,
    ).toBe('https://example.com/');
  });

  it('opens nothing for other schemes or non-link dispositions', () => {
    expect(decideWindowOpen({ url: 'file:///etc/passwd', disposition: 'foreground-tab' })).toEqual({
      action: 'deny',
      openExternally: null,
    });
    expect(
      decideWindowOpen({ url: 'https://example.com/', disposition: 'other' }).openExternally,
    ).toBeNull();
    expect(
      decideWindowOpen({ url: 'https://example.com/', disposition: 'default' }).openExternally,
    ).toBeNull();
  });
});

describe('isPermissionGranted', () => {
  it('denies everything by default', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fileSystem',
      'unknown',
    ]) {
      expect(isPermissionGranted(permission, fileApp, fileApp), permission).toBe(false);
    }
  });

  it('lets only the app itself write text to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', fileApp, fileApp)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', fileApp)).toBe(
      false,
    );
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts only from the app and nothing to frame it', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'self'");
  });

  it('is the same policy as the meta tag in renderer/index.html', async () => {
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const metas = html.match(/<meta\b[^>]*>/gi) ?? [];
    const csp = metas.find((tag) => /http-equiv\s*=\s*["']Content-Security-Policy["']/i.test(tag));
    expect(csp, 'renderer/index.html has a CSP meta tag').toBeDefined();
    const content = /content\s*=\s*(["'])(.*?)\1/is.exec(csp ?? '')?.[2] ?? '';
    const normalise = (policy: string) =>
      policy
        .split(';')
        .map((d) => d.trim().replace(/\s+/g, ' '))
        .filter(Boolean);
    // The meta tag may leave out header-only directives, which browsers ignore there.
    expect([
      normalise(CONTENT_SECURITY_POLICY),
      normalise(META_CONTENT_SECURITY_POLICY),
    ]).toContainEqual(normalise(content));
  });

  it('leaves only header-only directives out of the meta form', () => {
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
  });
});
