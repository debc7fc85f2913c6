import type { Locator, Page } from '@playwright/test';
import { CreateApiDialog } from './create-api-dialog.js';
import { Designer } from './designer.js';
import { Explorer } from './explorer.js';
import { StatusBar } from './status-bar.js';

/** The whole studio window, composed of its parts. */
export class StudioPage {
  readonly explorer: Explorer;
  readonly designer: Designer;
  readonly createApi: CreateApiDialog;
  readonly statusBar: StatusBar;
  readonly tabs: Locator;
  readonly themeToggle: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.explorer = new Explorer(page);
    this.designer = new Designer(page);
    this.createApi = new CreateApiDialog(page);
    this.statusBar = new StatusBar(page);
    this.tabs = page.getByRole('tablist', { name: 'Open editors' });
    this.themeToggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    this.notices = page
      .getByRole('alert')
      .filter({ has: page.getByRole('button', { name: 'Dismiss' }) });
  }

  /** Opens the studio and waits until it has asked the host for the workspace. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByText('Connecting to the studio…').waitFor({ state: 'detached' });
  }

  tab(title: string | RegExp): Locator {
    return this.tabs.getByRole('tab', { name: title });
  }

  closeTabButton(title: string): Locator {
    return this.tabs.getByRole('button', { name: `Close ${title}` });
  }

  /** Opens an in-page menu (File, View, Help) and picks an item. */
  async menu(menu: string, item: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: menu, exact: true }).click();
    await this.page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
  }

  /** The theme the page shows, as the root element declares it. */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }
}
