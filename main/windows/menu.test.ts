import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../ipc/contract.js';
import { appCommand } from '../ipc/contract.js';

const setApplicationMenu = vi.fn();
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu },
}));

const { buildMenuTemplate, installMenu } = await import('./menu.js');

function setup(
  overrides: {
    isDev?: boolean;
    platform?: NodeJS.Platform;
    recent?: { path: string; name: string }[];
  } = {},
) {
  const sent: AppCommand[] = [];
  const openExternal = vi.fn();
  const template = buildMenuTemplate({
    recent: (overrides.recent ?? []).map((r) => ({ ...r, openedAt: '2025-01-01T00:00:00.000Z' })),
    isDev: overrides.isDev ?? false,
    platform: overrides.platform ?? 'linux',
    send: (command) => sent.push(command),
    openExternal,
  });
  return { template, sent, openExternal };
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(menu?.submenu) ? menu.submenu : [];
}

function find(template: MenuItemConstructorOptions[], label: string) {
  return template.find((m) => m.label === label);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  // The click signature takes Electron objects the handlers never read.
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('sends each File command to the renderer as a valid app.command', () => {
    const { template, sent } = setup();
    const file = items(find(template, 'File'));
    for (const label of ['New Workspace…', 'Open Workspace…', 'New API…'])
      click(file.find((i) => i.label === label));
    expect(sent.map((c) => c.command)).toEqual(['workspace.new', 'workspace.open', 'api.new']);
    for (const command of sent) expect(appCommand.safeParse(command).success).toBe(true);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('lists recent workspaces and opens the one chosen', () => {
    const { template, sent } = setup({ recent: [{ path: '/home/me/apis', name: 'apis' }] });
    const recent = items(items(find(template, 'File')).find((i) => i.label === 'Open Recent'));
    expect(recent).toHaveLength(1);
    click(recent[0]);
    expect(sent).toEqual([{ command: 'workspace.openRecent', path: '/home/me/apis' }]);
  });

  it('shows a disabled placeholder when there is nothing recent', () => {
    const { template } = setup();
    const recent = items(items(find(template, 'File')).find((i) => i.label === 'Open Recent'));
    expect(recent).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);
  });

  it('offers DevTools only in development', () => {
    const roles = (isDev: boolean) =>
      items(find(setup({ isDev }).template, 'View')).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('toggles the theme through the renderer', () => {
    const { template, sent } = setup();
    click(items(find(template, 'View')).find((i) => i.label === 'Toggle Theme'));
    expect(sent).toEqual([{ command: 'theme.toggle' }]);
  });

  it('follows macOS conventions there: app menu first, Quit not in File', () => {
    const { template } = setup({ platform: 'darwin' });
    expect(template[0]?.role).toBe('appMenu');
    expect(items(find(template, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });

  it('installs the built menu', () => {
    installMenu({
      recent: [],
      isDev: false,
      platform: 'linux',
      send: () => undefined,
      openExternal: () => undefined,
    });
    expect(setApplicationMenu).toHaveBeenCalledTimes(1);
  });
});

describe('menu accelerators', () => {
  it('shows the renderer-handled shortcuts without registering them twice', () => {
    const items = buildMenuTemplate({
      recent: [],
      isDev: false,
      platform: 'linux',
      send: () => undefined,
      openExternal: () => undefined,
    }).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const shortcuts = items.filter((item) => typeof item.accelerator === 'string');
    expect(shortcuts.length).toBeGreaterThanOrEqual(4);
    for (const item of shortcuts) expect(item.registerAccelerator, item.label).toBe(false);
  });
});
