/**
 * A JSONata expression input with completion: as you type a name, a listbox
 * offers `request.*`, `variables.<name>` and JSONata functions (ArrowUp/Down to
 * choose, Enter or Tab to accept, Escape to close). An ARIA combobox, so screen
 * readers and tests find it by its label.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, suggest, type Suggestion } from './expression-suggest';

export interface ExpressionFieldProps {
  id: string;
  label: string;
  value: string;
  variables: readonly string[];
  error?: string | undefined;
  onChange(value: string): void;
}

export function ExpressionField({
  id,
  label,
  value,
  variables,
  error,
  onChange,
}: ExpressionFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [open, setOpen] = useState(false);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const result = suggest(value, caret, variables);
  const items = open ? result.items : [];
  const listId = `${id}-suggestions`;
  const errorId = `${id}-error`;

  const accept = (item: Suggestion): void => {
    const next = applySuggestion(value, result, item);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    onChange(next.text);
    setOpen(false);
  };

  // Once the accepted text is rendered (and before any further keystroke), put the caret after it.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !inputRef.current) return;
    pendingCaret.current = null;
    inputRef.current.setSelectionRange(at, at);
  }, [value]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (items.length === 0) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % items.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + items.length) % items.length);
    else if (e.key === 'Enter' || e.key === 'Tab')
      accept(items[Math.min(active, items.length - 1)]!);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="field seq-expression">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className="input input--mono"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {items.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          className="seq-suggestions"
          aria-label={`${label} suggestions`}
        >
          {items.map((item, i) => (
            <li
              key={item.label}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item);
              }}
            >
              <code>{item.label}</code>
              <span>{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
