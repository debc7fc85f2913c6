import { describe, expect, it } from 'vitest';
import { shortcuts } from './shortcuts';

type Keys = Partial<
  Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>
>;

/** The command a key press runs (these tests run on Linux: Ctrl is the primary modifier). */
function commandFor(keys: Keys): string | undefined {
  const event = {
    key: '',
    code: '',
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    ...keys,
  };
  return shortcuts.find((s) => s.matches(event as KeyboardEvent))?.command;
}

describe('shortcuts', () => {
  it('maps each documented key to its command', () => {
    expect(commandFor({ ctrlKey: true, code: 'KeyS', key: 's' })).toBe('file.save');
    expect(commandFor({ altKey: true, code: 'KeyN', key: 'n' })).toBe('api.new');
    expect(commandFor({ altKey: true, shiftKey: true, code: 'KeyN', key: 'N' })).toBe(
      'workspace.new',
    );
    expect(commandFor({ ctrlKey: true, code: 'KeyO', key: 'o' })).toBe('workspace.open');
    expect(commandFor({ altKey: true, code: 'KeyW', key: 'w' })).toBe('tab.close');
    expect(commandFor({ altKey: true, key: 'PageDown', code: 'PageDown' })).toBe('tab.next');
    expect(commandFor({ ctrlKey: true, key: 'Tab', code: 'Tab' })).toBe('tab.next');
    expect(commandFor({ ctrlKey: true, shiftKey: true, key: 'Tab', code: 'Tab' })).toBe(
      'tab.previous',
    );
    expect(commandFor({ altKey: true, key: 'PageUp', code: 'PageUp' })).toBe('tab.previous');
    expect(commandFor({ ctrlKey: true, shiftKey: true, code: 'KeyL', key: 'L' })).toBe(
      'theme.toggle',
    );
    expect(commandFor({ shiftKey: true, key: '?', code: 'Slash' })).toBe('help.shortcuts');
  });

  it('takes the native menu accelerators of the desktop app too', () => {
    expect(commandFor({ ctrlKey: true, code: 'KeyN', key: 'n' })).toBe('api.new');
    expect(commandFor({ ctrlKey: true, shiftKey: true, code: 'KeyN', key: 'N' })).toBe(
      'workspace.new',
    );
  });

  it('matches letters by physical key, so Alt+N works where Alt changes the character', () => {
    expect(commandFor({ altKey: true, code: 'KeyN', key: '˜' })).toBe('api.new');
  });

  it('leaves near misses to the editor and the browser', () => {
    expect(commandFor({ ctrlKey: true, shiftKey: true, code: 'KeyS', key: 'S' })).toBeUndefined();
    expect(commandFor({ ctrlKey: true, altKey: true, code: 'KeyN', key: 'n' })).toBeUndefined();
    expect(commandFor({ code: 'KeyS', key: 's' })).toBeUndefined();
    expect(commandFor({ metaKey: true, code: 'KeyS', key: 's' })).toBeUndefined();
  });

  it('documents every shortcut with at least one key combination', () => {
    for (const s of shortcuts) expect(s.keys.length).toBeGreaterThan(0);
    expect(new Set(shortcuts.map((s) => s.command)).size).toBe(shortcuts.length);
  });
});
