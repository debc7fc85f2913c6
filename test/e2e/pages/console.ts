import type { Locator, Page } from '@playwright/test';

/** The "Try it" and "Tests" sections of the API tab in front. */
export class ConsolePage {
  readonly panel: Locator;
  /** The "Try it" section; the hidden "Definition" section also has an operations list. */
  readonly tryIt: Locator;
  readonly tests: Locator;
  readonly tryItTab: Locator;
  readonly testsTab: Locator;
  readonly operation: Locator;
  readonly path: Locator;
  readonly authentication: Locator;
  readonly application: Locator;
  readonly generateTrialKey: Locator;
  readonly trialKeyStored: Locator;
  readonly send: Locator;
  readonly response: Locator;
  readonly status: Locator;
  readonly body: Locator;
  readonly rateLimits: Locator;
  readonly timings: Locator;
  readonly copyCurl: Locator;
  readonly curl: Locator;
  readonly saveAsTest: Locator;
  readonly history: Locator;
  readonly runAll: Locator;
  readonly testSummary: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('tabpanel');
    const sections = this.panel.getByRole('tablist', { name: 'API sections' });
    this.tryItTab = sections.getByRole('tab', { name: 'Try it' });
    this.testsTab = sections.getByRole('tab', { name: 'Tests' });
    this.tryIt = this.panel.getByRole('region', { name: 'Try it console' });
    this.tests = this.panel.getByRole('region', { name: 'Test cases' });
    this.operation = this.tryIt.getByRole('combobox', { name: 'Operation' });
    this.path = this.tryIt.getByRole('textbox', { name: 'Path', exact: true });
    this.authentication = this.tryIt.getByRole('combobox', { name: 'Authentication' });
    this.application = this.tryIt.getByRole('combobox', { name: 'Application', exact: true });
    this.generateTrialKey = this.tryIt.getByRole('button', { name: 'Generate a trial key' });
    this.trialKeyStored = this.tryIt.getByText('Trial key stored');
    this.send = this.tryIt.getByRole('button', { name: 'Send', exact: true });
    this.response = this.tryIt.getByRole('region', { name: 'Response' });
    this.status = this.response.getByLabel('Status');
    this.body = this.response.getByLabel('Response body');
    this.rateLimits = this.response.getByLabel('Rate limits');
    this.timings = this.response.getByLabel('Timings');
    this.copyCurl = this.tryIt.getByRole('button', { name: 'Copy as curl' });
    this.curl = this.tryIt.getByLabel('curl command');
    this.saveAsTest = this.tryIt.getByRole('button', { name: 'Save as test case' });
    this.history = this.tryIt.getByRole('region', { name: 'History' });
    this.runAll = this.tests.getByRole('button', { name: 'Run all' });
    this.testSummary = this.tests.getByRole('status');
  }

  /** The dialog that names a test case and its assertions. */
  saveDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Save as test case' });
  }

  testCase(name: string): Locator {
    return this.tests.getByRole('listitem', { name: `Test case ${name}` });
  }
}
