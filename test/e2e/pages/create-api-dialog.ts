import type { Locator, Page } from '@playwright/test';

/** File > New API: paste or open a definition. */
export class CreateApiDialog {
  readonly dialog: Locator;
  readonly definition: Locator;
  readonly fileInput: Locator;
  readonly name: Locator;
  readonly createButton: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New API' });
    this.definition = this.dialog.getByRole('textbox', { name: 'Definition', exact: true });
    this.fileInput = this.dialog.getByLabel('Definition file');
    this.name = this.dialog.getByRole('textbox', { name: 'Name', exact: true });
    this.createButton = this.dialog.getByRole('button', { name: 'Create API' });
    this.error = this.dialog.getByRole('alert');
  }

  async paste(text: string): Promise<void> {
    await this.definition.fill(text);
  }

  async create(text: string): Promise<void> {
    await this.paste(text);
    await this.createButton.click();
  }
}
