import type { Locator, Page } from '@playwright/test';

/** The AI vendors view: the vendor list, the vendor form, its price table and the new-AI-API form. */
export class AiVendorsView {
  readonly openButton: Locator;
  readonly list: Locator;
  readonly newVendorButton: Locator;
  readonly newForm: Locator;
  readonly fileText: Locator;
  readonly prices: Locator;
  readonly apiForm: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'AI vendors', exact: true });
    this.list = page.getByRole('complementary', { name: 'AI vendors' });
    this.newVendorButton = this.list.getByRole('button', { name: 'New vendor' });
    this.newForm = page.getByRole('form', { name: 'New AI vendor' });
    this.fileText = page.getByRole('region', { name: /^File ai-vendors\// });
    this.prices = page.getByRole('region', { name: /^Prices of / });
    this.apiForm = page.getByRole('form', { name: 'New AI API' });
  }

  /** A vendor form: the new one, or `Edit <name>`. */
  form(name?: string): Locator {
    return name ? this.page.getByRole('form', { name: `Edit ${name}` }) : this.newForm;
  }

  vendor(name: string): Locator {
    return this.list
      .getByRole('list', { name: 'Workspace vendors' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  builtIn(label: string): Locator {
    return this.list
      .getByRole('list', { name: 'Built-in vendors' })
      .getByRole('button', { name: new RegExp(`^${label} `) });
  }

  /** Sets where one value sits: `body` (JSON path), `header`, `path`, or `none`. */
  async location(
    form: Locator,
    label: string,
    from: 'none' | 'body' | 'header' | 'path',
    path = '',
  ): Promise<void> {
    await form.getByLabel(`${label}: where`).selectOption(from);
    if (from !== 'none')
      await form.getByRole('group', { name: label }).getByRole('textbox').fill(path);
  }

  /** Fills one price row (1-based) of the price table. */
  async priceRow(
    row: number,
    values: { model: string; input: string; cachedInput?: string; output: string },
  ): Promise<void> {
    await this.prices.getByLabel(`Model of row ${row}`).fill(values.model);
    await this.prices.getByLabel(`Input of row ${row}`, { exact: true }).fill(values.input);
    await this.prices.getByLabel(`Cached input of row ${row}`).fill(values.cachedInput ?? '');
    await this.prices.getByLabel(`Output of row ${row}`).fill(values.output);
  }
}
