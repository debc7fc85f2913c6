import { appStore } from '../../state/app-store';
import { isEcho, runCommand } from './commands';
import type { CommandId } from './commands';

const isMac =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const mod = isMac ? '⌘' : 'Ctrl+';
const alt = isMac ? '⌥' : 'Alt+';
const shift = isMac ? '⇧' : 'Shift+';

/** One way to press a shortcut, in the platform's notation, with where it works if not everywhere. */
export interface KeyCombo {
  keys: string;
  note?: string;
}

export interface Shortcut {
  command: CommandId;
  label: string;
  /** Alternatives, the one that works everywhere first. */
  keys: KeyCombo[];
  matches(e: KeyboardEvent): boolean;
  /** Runs even inside a text field or the editor. */
  global: boolean;
}

const primary = (e: KeyboardEvent): boolean =>
  isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
const onlyAlt = (e: KeyboardEvent): boolean => e.altKey && !e.ctrlKey && !e.metaKey;

/*
 * Letters are matched by `code`, not `key`: on macOS Alt+N types "˜", and other
 * layouts move letters. Browsers keep Ctrl+N, Ctrl+W, Ctrl+T and Ctrl+Tab for
 * themselves, so the web studio uses Alt+N, Alt+W and Alt+PageDown instead;
 * Ctrl+N and Ctrl+Tab also work in the desktop app, where nothing swallows them
 * (and where Ctrl+N is the native menu's accelerator).
 */
export const shortcuts: Shortcut[] = [
  {
    command: 'file.save',
    label: 'Save the definition',
    keys: [{ keys: `${mod}S` }],
    matches: (e) => primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyS',
    global: true,
  },
  {
    command: 'api.new',
    label: 'New API from a definition',
    keys: [{ keys: `${alt}N` }, { keys: `${mod}N`, note: 'desktop app' }],
    matches: (e) =>
      (onlyAlt(e) && !e.shiftKey && e.code === 'KeyN') ||
      (primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyN'),
    global: true,
  },
  {
    command: 'workspace.new',
    label: 'New workspace',
    keys: [{ keys: `${alt}${shift}N` }, { keys: `${mod}${shift}N`, note: 'desktop app' }],
    matches: (e) =>
      (onlyAlt(e) && e.shiftKey && e.code === 'KeyN') ||
      (primary(e) && !e.altKey && e.shiftKey && e.code === 'KeyN'),
    global: true,
  },
  {
    command: 'workspace.open',
    label: 'Open a workspace folder',
    keys: [{ keys: `${mod}O` }],
    matches: (e) => primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyO',
    global: true,
  },
  {
    command: 'tab.close',
    label: 'Close the tab',
    keys: [{ keys: `${alt}W` }],
    matches: (e) => onlyAlt(e) && !e.shiftKey && e.code === 'KeyW',
    global: true,
  },
  {
    command: 'tab.next',
    label: 'Next tab',
    keys: [{ keys: `${alt}PageDown` }, { keys: 'Ctrl+Tab', note: 'desktop app' }],
    matches: (e) =>
      (onlyAlt(e) && e.key === 'PageDown') ||
      (e.ctrlKey && !e.altKey && !e.shiftKey && (e.key === 'Tab' || e.key === 'PageDown')),
    global: true,
  },
  {
    command: 'tab.previous',
    label: 'Previous tab',
    keys: [{ keys: `${alt}PageUp` }, { keys: 'Ctrl+Shift+Tab', note: 'desktop app' }],
    matches: (e) =>
      (onlyAlt(e) && e.key === 'PageUp') ||
      (e.ctrlKey &&
        !e.altKey &&
        ((e.shiftKey && e.key === 'Tab') || (!e.shiftKey && e.key === 'PageUp'))),
    global: true,
  },
  {
    command: 'theme.toggle',
    label: 'Switch between light and dark theme',
    keys: [{ keys: `${mod}${shift}L` }],
    matches: (e) => primary(e) && e.shiftKey && !e.altKey && e.code === 'KeyL',
    global: true,
  },
  {
    command: 'search.focus',
    label: 'Search in every API definition',
    keys: [{ keys: `${mod}K` }],
    matches: (e) => primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyK',
    global: true,
  },
  {
    command: 'help.shortcuts',
    label: 'Show these shortcuts',
    keys: [{ keys: '?', note: 'outside text fields' }],
    matches: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey,
    global: false,
  },
];

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null
  );
}

/** Commands a modal dialog does not block: it would be odd for Ctrl+S to do nothing visible. */
const allowedInDialog: ReadonlySet<CommandId> = new Set(['theme.toggle']);

/**
 * Listens in the capture phase so the shortcuts work the same inside Monaco, which
 * would otherwise claim some of them (Ctrl+Shift+L selects all occurrences there).
 */
export function installShortcuts(): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.repeat && e.code !== 'PageDown' && e.code !== 'PageUp') return;
    const shortcut = shortcuts.find((s) => s.matches(e));
    if (!shortcut) return;
    if (!shortcut.global && isEditable(e.target)) return;
    // Even when blocked, keep the browser from saving the page or opening a file.
    e.preventDefault();
    e.stopPropagation();
    if (appStore.get().dialog && !allowedInDialog.has(shortcut.command)) return;
    if (isEcho(shortcut.command, 'keyboard')) return;
    runCommand(shortcut.command);
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => window.removeEventListener('keydown', onKeyDown, true);
}
