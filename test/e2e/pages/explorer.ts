import type { Locator, Page } from '@playwright/test';

/** The workspace tree on the left. */
export class Explorer {
  readonly tree: Locator;
  readonly newApiButton: Locator;

  constructor(private readonly page: Page) {
    this.tree = page.getByRole('tree', { name: 'Workspace' });
    this.newApiButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'New API' });
  }

  /** A section (`APIs`, `Sequences`, ...) by its label. */
  section(label: string): Locator {
    return this.tree.getByRole('treeitem', { name: label, exact: true });
  }

  /** An API row; its accessible name starts with the API's name. */
  api(name: string): Locator {
    return this.tree.getByRole('treeitem', { name: new RegExp(`^${escape(name)}\\b`) });
  }

  async openApi(name: string): Promise<void> {
    await this.api(name).click();
  }

  /** The honest empty state of a section, e.g. "No sequences yet". */
  emptyState(text: string): Locator {
    return this.tree.getByText(text, { exact: true });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
