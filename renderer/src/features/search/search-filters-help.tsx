import { searchFilters } from './search-results';

/** The filters the search understands, each with what it does. */
export function SearchFiltersHelp() {
  return (
    <div className="search-help">
      <p className="search-help__title">Search every API's definition. Filters:</p>
      <dl className="search-help__list">
        {searchFilters.map((f) => (
          <div key={f.filter} className="search-help__row">
            <dt>
              <code>{f.filter}</code>
            </dt>
            <dd>{f.meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
