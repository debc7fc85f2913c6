import { appStore, setState } from '../../state/app-store';
import type { Theme } from '../../state/app-store';

const STORAGE_KEY = 'portico.theme';

function stored(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** The saved choice, else the system's preference: a first run follows the OS. */
export function initialTheme(): Theme {
  return stored() ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function initTheme(): void {
  const theme = initialTheme();
  apply(theme);
  setState({ theme });
}

export function setTheme(theme: Theme): void {
  apply(theme);
  setState({ theme });
  try {
    window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be disabled; the theme still applies for this session.
  }
}

export function toggleTheme(): void {
  setTheme(appStore.get().theme === 'dark' ? 'light' : 'dark');
}
