/** The query the Search view starts with: the one typed in the header box when "Show all" was chosen. */
let pending = '';

export function setSearchViewQuery(query: string): void {
  pending = query;
}

/** Takes the pending query once; the view owns its query from then on. */
export function takeSearchViewQuery(): string {
  const query = pending;
  pending = '';
  return query;
}
