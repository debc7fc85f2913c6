import { useApp } from '../../state/app-store';
import { shortcutLabel } from '../commands/shortcut-label';
import { toggleTheme } from '../theme/theme';

export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      onClick={toggleTheme}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme (${shortcutLabel('theme.toggle')})`}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
