import type { Locator, Page } from '@playwright/test';

/** The traffic view: its controls, the live log and one request's detail pane. */
export class TrafficView {
  readonly openButton: Locator;
  readonly log: Locator;
  readonly rows: Locator;
  readonly status: Locator;
  readonly api: Locator;
  readonly search: Locator;
  readonly pauseButton: Locator;
  readonly exportButton: Locator;
  readonly count: Locator;
  readonly detail: Locator;
  readonly stages: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'Traffic', exact: true });
    const controls = page.getByRole('toolbar', { name: 'Traffic log controls' });
    this.log = page.getByRole('table', { name: 'Traffic log' });
    this.rows = this.log.locator('tbody tr');
    this.status = controls.getByLabel('Status');
    this.api = controls.getByLabel('API');
    this.search = controls.getByLabel('Search');
    this.pauseButton = controls.getByRole('button', { name: /^(Pause|Resume)/ });
    this.exportButton = controls.getByRole('button', { name: 'Export HAR' });
    this.count = page.getByText(/\d+ of \d+ requests/);
    this.detail = page.getByRole('region', { name: 'Request details' });
    this.stages = this.detail.getByRole('list', { name: 'Pipeline decisions' });
  }

  /** The row's open button, e.g. `open('GET', '/petstore/1.0.0/pets', 401)`. */
  open(method: string, path: string, status: number): Locator {
    return this.log.getByRole('button', { name: `Open ${method} ${path} ${status}` }).first();
  }

  /** Clicks Export HAR and returns the downloaded file's name and text. */
  async exportHar(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.exportButton.click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
