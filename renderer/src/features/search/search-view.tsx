/**
 * The Search view: the full ranked list of hits for a query (up to 200), with the
 * filters explained; choosing a hit opens its API at the line.
 */
import { useId, useState } from 'react';
import { SearchFiltersHelp } from './search-filters-help';
import { SearchHitRow } from './search-hit-row';
import { openHit } from './search-results';
import { takeSearchViewQuery } from './search-view-query';
import { useSearch } from './use-search';
import './search.css';

const VIEW_LIMIT = 200;

export function SearchView() {
  const [query, setQuery] = useState(takeSearchViewQuery);
  const inputId = useId();
  const { hits, busy, error, answered } = useSearch(query, VIEW_LIMIT);

  return (
    <section className="search-view" aria-label="Search">
      <div className="field">
        <label htmlFor={inputId}>Search in definitions</label>
        <input
          id={inputId}
          type="search"
          className="input"
          value={query}
          placeholder="pet status op:GET type:rest"
          onChange={(e) => setQuery(e.target.value)}
          data-autofocus
        />
      </div>
      {query.trim() === '' && <SearchFiltersHelp />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!error && answered !== '' && (
        <p className="search-view__count" aria-live="polite">
          {busy
            ? 'Searching…'
            : `${hits.length}${hits.length === VIEW_LIMIT ? '+' : ''} results for “${answered}”`}
        </p>
      )}
      <ul className="search-view__list" aria-label="All search results">
        {hits.map((hit, index) => (
          <li key={`${hit.file}:${hit.line}:${index}`}>
            <button
              type="button"
              className="search-hit search-hit--button"
              onClick={() => openHit(hit)}
            >
              <SearchHitRow hit={hit} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
