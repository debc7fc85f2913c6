import type { Locator, Page } from '@playwright/test';

/** The header search box, its live results, and the Search view. */
export class SearchBox {
  readonly input: Locator;
  readonly results: Locator;
  readonly showAll: Locator;
  readonly help: Locator;
  readonly view: Locator;
  readonly viewResults: Locator;

  constructor(page: Page) {
    this.input = page.getByRole('combobox', { name: 'Search APIs' });
    this.results = page.getByRole('listbox', { name: 'Search results' });
    this.showAll = page.getByRole('button', { name: 'Show all results' });
    this.help = page.getByText("Search every API's definition. Filters:");
    this.view = page.getByRole('region', { name: 'Search' });
    this.viewResults = this.view.getByRole('list', { name: 'All search results' });
  }

  hits(): Locator {
    return this.results.getByRole('option');
  }

  hit(text: string | RegExp): Locator {
    return this.results.getByRole('option', { name: text });
  }
}
