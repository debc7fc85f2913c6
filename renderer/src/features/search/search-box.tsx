/**
 * The global search field in the header: live, ranked hits over every API of the
 * workspace as you type (debounced), arrow keys to move, Enter to open the hit's
 * API at its line, Escape to leave. Ctrl/Cmd+K focuses it from anywhere.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useApp } from '../../state/app-store';
import { shortcutLabel } from '../commands/shortcut-label';
import { openViewTab } from '../tabs/tabs';
import { SearchFiltersHelp } from './search-filters-help';
import { registerSearchFocus } from './search-focus';
import { SearchHitRow } from './search-hit-row';
import { openHit } from './search-results';
import { setSearchViewQuery } from './search-view-query';
import { useSearch } from './use-search';
import './search.css';

const BOX_LIMIT = 12;

export function SearchBox() {
  const workspace = useApp((s) => s.workspace);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  // The highlighted hit, remembered per answered query so a new answer starts at the top.
  const [selection, setSelection] = useState({ query: '', index: 0 });
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { hits, busy, error, answered } = useSearch(open ? query : '', BOX_LIMIT);

  useEffect(
    () =>
      registerSearchFocus(() => {
        input.current?.focus();
        input.current?.select();
      }),
    [],
  );
  const active = selection.query === answered ? selection.index : 0;
  const setActive = (next: (index: number) => number): void =>
    setSelection({ query: answered, index: next(active) });

  if (!workspace) return null;

  const choose = (index: number): void => {
    const hit = hits[index];
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    openHit(hit);
  };
  const showAll = (): void => {
    setSearchViewQuery(query);
    setOpen(false);
    openViewTab('search', 'Search');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (hits.length === 0 ? 0 : (i + 1) % hits.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (hits.length === 0 ? 0 : (i - 1 + hits.length) % hits.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (e.altKey || e.shiftKey) showAll();
      else choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      input.current?.blur();
    }
  };

  const expanded = open && query.trim() !== '' && answered !== '';
  const activeId = expanded && hits[active] ? `${listId}-${active}` : undefined;
  const key = shortcutLabel('search.focus');

  return (
    <div className="search-box">
      <input
        ref={input}
        type="search"
        className="input search-box__input"
        role="combobox"
        aria-label="Search APIs"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        placeholder={`Search APIs${key ? ` (${key})` : ''}`}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        // Clicks inside must not blur the field before they land.
        <div className="search-box__popup" onMouseDown={(e) => e.preventDefault()}>
          {query.trim() === '' ? (
            <SearchFiltersHelp />
          ) : error ? (
            <p className="search-box__status" role="alert">
              {error}
            </p>
          ) : answered !== '' && hits.length === 0 && !busy ? (
            <p className="search-box__status">No matches for “{answered}”.</p>
          ) : answered === '' ? (
            <p className="search-box__status">Searching…</p>
          ) : null}
          <ul
            id={listId}
            role="listbox"
            aria-label="Search results"
            className="search-box__list"
            hidden={!expanded || hits.length === 0}
          >
            {expanded &&
              hits.map((hit, index) => (
                <li
                  key={`${hit.file}:${hit.line}:${index}`}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className="search-hit"
                  onMouseEnter={() => setActive(() => index)}
                  onClick={() => choose(index)}
                >
                  <SearchHitRow hit={hit} />
                </li>
              ))}
          </ul>
          {expanded && hits.length > 0 && (
            <button
              type="button"
              className="button button--small search-box__all"
              onClick={showAll}
            >
              Show all results
            </button>
          )}
        </div>
      )}
    </div>
  );
}
