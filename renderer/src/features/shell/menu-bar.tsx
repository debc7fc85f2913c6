import { appStore } from '../../state/app-store';
import { Menu } from '../../ui/menu';
import type { MenuEntry } from '../../ui/menu';
import { canRun, runCommand } from '../commands/commands';
import type { CommandId } from '../commands/commands';
import { shortcutLabel } from '../commands/shortcut-label';
import { openRecent } from '../workspace/workspace-actions';
import { SearchBox } from '../search/search-box';

function item(label: string, command: CommandId): MenuEntry {
  return {
    kind: 'item',
    label,
    shortcut: shortcutLabel(command),
    disabled: !canRun(command),
    onSelect: () => runCommand(command),
  };
}

function fileEntries(): MenuEntry[] {
  const { recent } = appStore.get();
  const entries: MenuEntry[] = [
    item('New API…', 'api.new'),
    item('Save', 'file.save'),
    item('Close tab', 'tab.close'),
    { kind: 'separator' },
    item('New workspace…', 'workspace.new'),
    item('Open workspace…', 'workspace.open'),
  ];
  if (recent.length > 0) {
    entries.push({ kind: 'separator' }, { kind: 'heading', label: 'Recent' });
    for (const r of recent.slice(0, 8)) {
      entries.push({
        kind: 'item',
        label: `${r.name} — ${r.path}`,
        onSelect: () => void openRecent(r.path),
      });
    }
  }
  return entries;
}

function viewEntries(): MenuEntry[] {
  const dark = appStore.get().theme === 'dark';
  return [
    item(dark ? 'Light theme' : 'Dark theme', 'theme.toggle'),
    item('Next tab', 'tab.next'),
    item('Previous tab', 'tab.previous'),
    item('Search…', 'search.focus'),
  ];
}

function helpEntries(): MenuEntry[] {
  return [item('Keyboard shortcuts', 'help.shortcuts')];
}

/** The in-page menus: the web host has no native menu, and the desktop app mirrors its own. */
export function MenuBar() {
  return (
    <>
      <div className="menu-bar" role="group" aria-label="Menu">
        <Menu label="File" entries={fileEntries} />
        <Menu label="View" entries={viewEntries} />
        <Menu label="Help" entries={helpEntries} />
      </div>
      <SearchBox />
    </>
  );
}
