import type { Locator, Page } from '@playwright/test';

/** The Applications view: the list, the new-application form, one application's detail and the approval queue. */
export class ApplicationsView {
  readonly openButton: Locator;
  readonly newButton: Locator;
  readonly form: Locator;
  readonly formError: Locator;
  readonly queue: Locator;
  readonly subscriptions: Locator;
  readonly subscribeForm: Locator;
  readonly secretDialog: Locator;
  readonly resetResult: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'Applications', exact: true });
    this.newButton = page.getByRole('button', { name: 'New application' });
    this.form = page.getByRole('form', { name: 'New application' });
    this.formError = this.form.getByRole('alert');
    this.queue = page.getByRole('region', { name: 'Approval queue' });
    this.subscriptions = page.getByRole('table', { name: 'Subscriptions' });
    this.subscribeForm = page.getByRole('form', { name: 'Subscribe' });
    this.secretDialog = page.getByRole('dialog');
    this.resetResult = page.getByRole('status', { name: 'Throttle reset' });
  }

  /** The application's entry in the list on the left. */
  item(name: string): Locator {
    return this.page
      .getByRole('complementary', { name: 'Applications' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  async create(name: string, policy: string): Promise<void> {
    await this.newButton.click();
    await this.form.getByLabel('Name', { exact: true }).fill(name);
    await this.form.getByLabel('Application policy').selectOption(policy);
    await this.form.getByRole('button', { name: 'Create application' }).click();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async subscribe(apiId: string, plan: string, requireApproval = false): Promise<void> {
    await this.subscribeForm.getByLabel('API', { exact: true }).selectOption(apiId);
    await this.subscribeForm.getByLabel('Plan', { exact: true }).selectOption(plan);
    if (requireApproval) await this.subscribeForm.getByLabel('Require approval').check();
    await this.subscribeForm.getByRole('button', { name: 'Subscribe' }).click();
  }

  subscription(apiId: string): Locator {
    return this.subscriptions.getByRole('row', { name: apiId });
  }

  planOf(apiId: string): Locator {
    return this.subscriptions.getByLabel(`Plan of ${apiId}`);
  }

  pending(label: string): Locator {
    return this.queue.getByRole('listitem', { name: label });
  }
}
