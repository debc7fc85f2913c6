import type { Locator, Page } from '@playwright/test';

export class StatusBar {
  readonly gateway: Locator;
  readonly restartGateway: Locator;

  constructor(page: Page) {
    this.gateway = page.getByRole('status', { name: 'Gateway status' });
    this.restartGateway = page.getByRole('button', { name: 'Restart gateway' });
  }
}
