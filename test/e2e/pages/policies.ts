import type { Locator, Page } from '@playwright/test';

/** The Policies view: plans and policies on the left, the policy form or the denylist on the right. */
export class PoliciesView {
  readonly openButton: Locator;
  readonly list: Locator;
  readonly denylistButton: Locator;
  readonly denylist: Locator;
  readonly addEntryForm: Locator;
  readonly entries: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'Policies', exact: true });
    this.list = page.getByRole('complementary', { name: 'Policies' });
    this.denylistButton = this.list.getByRole('button', { name: 'Denylist', exact: true });
    this.denylist = page.getByRole('region', { name: 'Denylist' });
    this.addEntryForm = page.getByRole('form', { name: 'Add denylist entry' });
    this.entries = page.getByRole('table', { name: 'Denylist entries' });
  }

  /** A policy's entry in the list; `group` is "Subscription plans", "Application policies" or "API policies". */
  item(group: string, name: string): Locator {
    return this.list
      .getByRole('list', { name: group })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  /** The open policy form, by its title ("Edit Gold", "New api policy"). */
  form(title: string): Locator {
    return this.page.getByRole('form', { name: title });
  }

  field(form: Locator, label: string): Locator {
    return form.getByLabel(label, { exact: true });
  }

  async addEntry(type: string, value: string): Promise<void> {
    await this.addEntryForm.getByLabel('Type', { exact: true }).selectOption(type);
    await this.addEntryForm.getByLabel('Value', { exact: true }).fill(value);
    await this.addEntryForm.getByRole('button', { name: 'Add to denylist' }).click();
  }

  entry(type: string, value: string): Locator {
    return this.entries.getByRole('row', { name: `${type} ${value}` });
  }

  filter(label: 'Search' | 'Type filter' | 'State filter'): Locator {
    return this.denylist.getByRole('search').getByLabel(label, { exact: true });
  }
}
