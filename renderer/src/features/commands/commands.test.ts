import { describe, expect, it, vi } from 'vitest';
import { isEcho } from './commands';

describe('isEcho', () => {
  it('drops the second delivery of one press that reached both the menu and the page', () => {
    vi.spyOn(performance, 'now').mockReturnValue(1000);
    expect(isEcho('theme.toggle', 'keyboard')).toBe(false);
    vi.spyOn(performance, 'now').mockReturnValue(1050);
    expect(isEcho('theme.toggle', 'menu')).toBe(true);
  });

  it('lets repeated presses from one source through, and a later press from the other', () => {
    vi.spyOn(performance, 'now').mockReturnValue(5000);
    expect(isEcho('theme.toggle', 'keyboard')).toBe(false);
    vi.spyOn(performance, 'now').mockReturnValue(5050);
    expect(isEcho('theme.toggle', 'keyboard')).toBe(false);
    vi.spyOn(performance, 'now').mockReturnValue(6000);
    expect(isEcho('theme.toggle', 'menu')).toBe(false);
    vi.spyOn(performance, 'now').mockReturnValue(6010);
    expect(isEcho('api.new', 'keyboard')).toBe(false);
  });
});
