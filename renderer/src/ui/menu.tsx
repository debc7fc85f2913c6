import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

export type MenuEntry =
  | { kind: 'item'; label: string; shortcut?: string; disabled?: boolean; onSelect(): void }
  | { kind: 'heading'; label: string }
  | { kind: 'separator' };

interface MenuProps {
  label: string;
  /** Called when the menu opens, so items reflect the state at that moment. */
  entries(): MenuEntry[];
}

/**
 * A menu-bar button with a drop-down (WAI-ARIA menu button pattern): arrows move,
 * Enter or a click runs, Escape or a click outside closes and returns focus.
 */
export function Menu({ label, entries }: MenuProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = (): HTMLButtonElement[] =>
    Array.from(
      listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ??
        [],
    );

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (e: PointerEvent): void => {
      const target = e.target as Node;
      if (!listRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (e: ReactKeyboardEvent): void => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const focusAt = (i: number): void => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') focusAt(index + 1);
    else if (e.key === 'ArrowUp') focusAt(index - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(list.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return (
    <div className="menu">
      <button
        ref={buttonRef}
        type="button"
        className={`menu__button${open ? ' menu__button--open' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
      </button>
      {open && (
        <div
          ref={listRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu__list"
          onKeyDown={onMenuKeyDown}
        >
          {entries().map((entry, i) => {
            if (entry.kind === 'separator')
              return <div key={i} role="separator" className="menu__separator" />;
            if (entry.kind === 'heading') {
              return (
                <div key={i} role="presentation" className="menu__heading">
                  {entry.label}
                </div>
              );
            }
            return (
              <button
                key={i}
                type="button"
                role="menuitem"
                className="menu__item"
                disabled={entry.disabled}
                onClick={() => {
                  close(true);
                  entry.onSelect();
                }}
              >
                <span>{entry.label}</span>
                {entry.shortcut && <kbd className="menu__shortcut">{entry.shortcut}</kbd>}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
