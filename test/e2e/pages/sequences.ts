import type { Locator, Page } from '@playwright/test';

/** The Sequences index and a sequence's canvas tab, in the front tab. */
export class SequencesPage {
  readonly openButton: Locator;
  readonly newName: Locator;
  readonly createButton: Locator;
  readonly canvas: Locator;
  readonly main: Locator;
  readonly palette: Locator;
  readonly status: Locator;
  readonly save: Locator;
  readonly undo: Locator;
  readonly redo: Locator;

  constructor(private readonly page: Page) {
    this.openButton = page
      .getByRole('toolbar', { name: 'Views' })
      .getByRole('button', { name: 'Sequences', exact: true });
    this.newName = page.getByLabel('New sequence name');
    this.createButton = page.getByRole('button', { name: 'Create sequence' });
    this.canvas = page.getByRole('region', { name: 'Sequence canvas' });
    this.main = page.getByLabel('Canvas and palette');
    this.palette = page.getByRole('complementary', { name: 'Step palette' });
    const actions = page.getByRole('toolbar', { name: 'Sequence actions' });
    this.status = actions.getByRole('status');
    this.save = actions.getByRole('button', { name: 'Save', exact: true });
    this.undo = actions.getByRole('button', { name: 'Undo' });
    this.redo = actions.getByRole('button', { name: 'Redo' });
  }

  async create(name: string): Promise<void> {
    await this.openButton.click();
    await this.newName.fill(name);
    await this.createButton.click();
  }

  /** A palette entry, e.g. `Call` (its button reads "Add Call"). */
  paletteItem(label: string): Locator {
    return this.palette.getByRole('button', { name: `Add ${label}`, exact: true });
  }

  /** A drop zone / insertion point, e.g. `Branch 1` or `End of sequence`. */
  slot(label: string | RegExp): Locator {
    return this.canvas.getByRole('button', { name: label });
  }

  /** A step on the canvas by its type label and path, e.g. `Call`, `steps[0].branches[0].steps[0]`. */
  step(label: string, path: string): Locator {
    return this.canvas.getByRole('button', {
      name: new RegExp(`^${label} step ${escape(path)}( |$)`),
    });
  }

  /** The settings panel of the selected step. */
  settings(label: string): Locator {
    return this.page.getByRole('region', { name: `${label} step settings` });
  }

  sideTab(name: 'Step' | 'YAML' | 'Try'): Locator {
    return this.page.getByRole('group', { name: 'Side panel' }).getByRole('button', { name });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
