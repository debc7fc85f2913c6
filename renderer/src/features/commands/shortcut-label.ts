import type { CommandId } from './commands';
import { shortcuts } from './shortcuts';

/** The first way to press a command's shortcut, for menus and buttons; '' when it has none. */
export function shortcutLabel(command: CommandId): string {
  return shortcuts.find((s) => s.command === command)?.keys[0]?.keys ?? '';
}
