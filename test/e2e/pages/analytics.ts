import type { Locator, Page } from '@playwright/test';

/** The analytics view: source and range pickers, totals, charts and their data tables. */
export class AnalyticsView {
  readonly openButton: Locator;
  readonly source: Locator;
  readonly range: Locator;
  readonly groupBy: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'Analytics', exact: true });
    const controls = page.getByRole('toolbar', { name: 'Analytics controls' });
    this.source = controls.getByLabel('Source');
    this.range = controls.getByLabel('Time range');
    this.groupBy = page.getByLabel('Group by');
  }

  /** A chart's data table, by the chart's title (`Requests by status`). */
  data(chart: string): Locator {
    return this.page.getByRole('table', { name: `${chart} data` });
  }

  /** One row of a chart's data table, by its first cell (`401`). */
  dataRow(chart: string, key: string): Locator {
    return this.data(chart)
      .getByRole('row')
      .filter({
        has: this.page.getByRole('rowheader', { name: key, exact: true }),
      });
  }

  /** The figure of one of the totals (`Requests`, `Errors` ...). */
  total(name: string): Locator {
    return this.page
      .locator('dl[aria-label="Totals"] > div')
      .filter({ has: this.page.getByText(name, { exact: true }) })
      .locator('dd');
  }
}
