import type { Locator, Page } from '@playwright/test';

/** The environments view: the list, the new-environment form and one environment's detail. */
export class EnvironmentsView {
  readonly openButton: Locator;
  readonly newButton: Locator;
  readonly form: Locator;
  readonly saveButton: Locator;
  readonly formError: Locator;
  readonly state: Locator;
  readonly pushButton: Locator;
  readonly rollbackButton: Locator;
  readonly undeployButton: Locator;
  readonly note: Locator;
  readonly api: Locator;
  readonly lastResult: Locator;
  readonly deployed: Locator;
  readonly revisions: Locator;
  readonly diff: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('navigation', { name: 'Explorer' })
      .getByRole('button', { name: 'Environments', exact: true });
    this.newButton = page.getByRole('button', { name: 'New environment' });
    this.form = page.getByRole('form', { name: 'New environment' });
    this.saveButton = this.form.getByRole('button', { name: 'Save environment' });
    this.formError = this.form.getByRole('alert');
    this.state = page.getByTestId('environment-state');
    this.pushButton = page.getByRole('button', { name: 'Push', exact: true });
    this.rollbackButton = page.getByRole('button', { name: 'Roll back' });
    this.undeployButton = page.getByRole('button', { name: 'Undeploy' });
    this.note = page.getByLabel('Revision note');
    this.api = page.getByLabel('API', { exact: true });
    this.lastResult = page.getByRole('status', { name: 'Last result' });
    this.deployed = page.getByTestId('deployed-apis');
    this.revisions = page.getByRole('table', { name: 'Revisions' });
    this.diff = page.getByRole('region', { name: 'Revision diff' });
  }

  /** The environment's entry in the list on the left. */
  item(name: string): Locator {
    return this.page
      .getByRole('complementary', { name: 'Environments' })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  /** The revision a node reports, as the nodes table shows it. */
  nodeRevision(node: string): Locator {
    return this.page.getByTestId(`node-${node}`).getByTestId('node-revision');
  }

  nodeResult(node: string): Locator {
    return this.page.getByTestId(`result-${node}`);
  }

  /** Fills the new-environment form with `nodes` (name and admin URL each) and saves it. */
  async create(
    name: string,
    nodes: readonly { name: string; adminUrl: string; tokenSecret?: string }[],
  ): Promise<void> {
    await this.form.getByLabel('Name', { exact: true }).fill(name);
    for (const [i, node] of nodes.entries()) {
      if (i > 0) await this.form.getByRole('button', { name: 'Add node' }).click();
      await this.form.getByLabel(`Node ${i + 1} name`).fill(node.name);
      await this.form.getByLabel(`Node ${i + 1} admin URL`).fill(node.adminUrl);
      if (node.tokenSecret !== undefined)
        await this.form.getByLabel(`Node ${i + 1} admin token secret`).fill(node.tokenSecret);
    }
    await this.saveButton.click();
  }

  /** A secret's row in the environment's Secrets panel ("set" / "not set"). */
  secret(name: string): Locator {
    return this.page.getByTestId(`secret-${name}`);
  }

  /** Stores a secret's value through the Secrets panel. */
  async setSecret(name: string, value: string): Promise<void> {
    await this.secret(name).getByRole('button').click();
    await this.page.getByLabel(`Value of ${name}`).fill(value);
    await this.page.getByRole('button', { name: 'Store secret' }).click();
  }

  /** A node's live progress line during (and after) a push. */
  progress(node: string): Locator {
    return this.page.getByTestId(`progress-${node}`);
  }

  async push(note: string): Promise<void> {
    await this.note.fill(note);
    await this.pushButton.click();
  }
}
