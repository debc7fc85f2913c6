import type { Locator, Page } from '@playwright/test';

/** The New API dialog's import sources: paste or file, URL, multi-file folder. */
export class ImportDialog {
  readonly dialog: Locator;
  readonly definition: Locator;
  readonly fileInput: Locator;
  readonly detected: Locator;
  readonly url: Locator;
  readonly folderInput: Locator;
  readonly rootFile: Locator;
  readonly name: Locator;
  readonly createButton: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New API' });
    this.definition = this.dialog.getByRole('textbox', { name: 'Definition', exact: true });
    this.fileInput = this.dialog.getByLabel('Definition file');
    this.detected = this.dialog.getByRole('status', { name: 'Detected format' });
    this.url = this.dialog.getByRole('textbox', { name: 'Definition URL' });
    this.folderInput = this.dialog.getByLabel('Definition folder');
    this.rootFile = this.dialog.getByRole('combobox', { name: 'Root file' });
    this.name = this.dialog.getByRole('textbox', { name: 'Name', exact: true });
    this.createButton = this.dialog.getByRole('button', { name: 'Create API' });
    this.error = this.dialog.getByRole('alert');
  }

  /** Switches the source: `Paste or open file`, `From URL`, `Multi-file folder`. */
  async source(label: string): Promise<void> {
    await this.dialog
      .getByRole('tablist', { name: 'Source' })
      .getByRole('tab', { name: label })
      .click();
  }

  async openFile(name: string, content: string | Buffer): Promise<void> {
    await this.fileInput.setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: typeof content === 'string' ? Buffer.from(content) : content,
    });
  }
}

/** The Export section of an API's tab. */
export class ExportSection {
  readonly sectionTab: Locator;
  readonly json: Locator;
  readonly yaml: Locator;
  readonly download: Locator;

  constructor(page: Page) {
    const panel = page.getByRole('tabpanel');
    this.sectionTab = panel
      .getByRole('tablist', { name: 'API sections' })
      .getByRole('tab', { name: 'Export' });
    const section = panel.getByRole('region', { name: 'Export' });
    this.json = section.getByRole('radio', { name: 'JSON' });
    this.yaml = section.getByRole('radio', { name: 'YAML' });
    this.download = section.getByRole('button', { name: 'Download definition' });
  }
}
