import type { Locator, Page } from '@playwright/test';

/** The designer in the front tab (hidden tab panels are not in the accessibility tree). */
export class Designer {
  readonly panel: Locator;
  readonly heading: Locator;
  readonly editor: Locator;
  readonly saveButton: Locator;
  readonly operations: Locator;
  readonly context: Locator;
  readonly production: Locator;
  readonly applySettings: Locator;
  readonly unsaved: Locator;
  /** The context as the header shows it (what the host last answered). */
  readonly shownContext: Locator;
  /** The problems list under the editor, its heading (with counts by severity) and its rows. */
  readonly problems: Locator;
  readonly problemsHeading: Locator;
  /** The definition's outline tree beside the editor. */
  readonly outline: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('tabpanel');
    this.heading = this.panel.getByRole('heading', { level: 2 });
    this.editor = this.panel.getByTestId('definition-editor');
    this.saveButton = this.panel.getByRole('button', { name: 'Save', exact: true });
    this.operations = this.panel.getByRole('table', { name: /Operations/ });
    this.context = this.panel.getByLabel('Context', { exact: true });
    this.production = this.panel.getByLabel('Production endpoint');
    this.applySettings = this.panel.getByRole('button', { name: 'Apply settings' });
    this.unsaved = this.panel.getByText('Unsaved changes');
    this.shownContext = this.panel.getByTitle('Context', { exact: true });
    this.problems = this.panel.getByRole('list', { name: 'Problems' });
    this.problemsHeading = this.panel.getByRole('heading', { name: /^Problems/ });
    this.outline = this.panel.getByRole('tree', { name: 'Definition outline' });
  }

  /** A row of the problems list whose text matches. */
  problem(text: string | RegExp): Locator {
    return this.problems.getByRole('button', { name: text });
  }

  /** An entry of the outline, e.g. `GET /pets/{petId}` (listed under its tag and its path: the first). */
  outlineEntry(label: string): Locator {
    return this.outline.getByRole('button', { name: label, exact: true }).first();
  }

  /** Lint markers Monaco draws in the editor (error squiggles). */
  errorMarkers(): Locator {
    return this.editor.locator('.squiggly-error');
  }

  /** One row of the operations table, e.g. `GET /pets/{petId}` (not `GET /pets/{petId}/toys`). */
  operation(method: string, target: string): Locator {
    const name = new RegExp(`^${escape(method)} ${escape(target)}( |$)`);
    return this.operations.getByRole('row', { name });
  }

  /** Puts the cursor at the very start of the definition. */
  async focusEditorStart(): Promise<void> {
    await this.editor.locator('.view-lines').click({ position: { x: 2, y: 4 } });
    await this.page.keyboard.press('ControlOrMeta+Home');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
