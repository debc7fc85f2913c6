import { expect, samplePetStore, test } from './support/test.js';

test('the theme toggle switches the theme and the choice survives a reload', async ({
  app,
  page,
}) => {
  const first = await app.theme();
  expect(first === 'light' || first === 'dark').toBe(true);
  const other = first === 'light' ? 'dark' : 'light';

  await app.themeToggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    background,
  );

  await page.keyboard.press('ControlOrMeta+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('data-theme', first!);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', first!);
});

test('a first run follows the system colour scheme', async ({ browser, studio }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(studio.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await context.close();
});

test('tabs open, cycle and close from the mouse and the keyboard', async ({
  app,
  studio,
  page,
}) => {
  await studio.call('apis.create', { content: await samplePetStore() });
  await studio.call('apis.create', {
    content:
      'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 2.0.0\npaths:\n  /orders:\n    get: {}\n',
  });
  await expect(app.explorer.api('Orders')).toBeVisible();

  await app.explorer.openApi('PetStore');
  await app.explorer.openApi('Orders');
  await expect(app.tabs.getByRole('tab')).toHaveCount(2);
  await expect(app.tab(/^Orders/)).toHaveAttribute('aria-selected', 'true');
  await expect(app.designer.heading).toContainText('Orders');

  // Opening an API that already has a tab selects it instead of adding another.
  await app.explorer.openApi('PetStore');
  await expect(app.tabs.getByRole('tab')).toHaveCount(2);
  await expect(app.tab(/^PetStore/)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Alt+PageDown');
  await expect(app.tab(/^Orders/)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+PageUp');
  await expect(app.tab(/^PetStore/)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Alt+W');
  await expect(app.tabs.getByRole('tab')).toHaveCount(1);
  await expect(app.tab(/^Orders/)).toHaveAttribute('aria-selected', 'true');

  await app.closeTabButton('Orders 2.0.0').click();
  await expect(app.tabs).toBeHidden();
  await expect(page.getByText('No API open')).toBeVisible();
});

test('closing a tab with unsaved edits asks first', async ({ app, studio, page }) => {
  await studio.call('apis.create', { content: await samplePetStore() });
  await app.explorer.openApi('PetStore');
  await expect(app.designer.editor).toContainText('openapi');
  await app.designer.focusEditorStart();
  await page.keyboard.type('# draft\n');
  await expect(app.designer.unsaved).toBeVisible();

  await page.keyboard.press('Alt+W');
  const confirm = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(app.tabs.getByRole('tab')).toHaveCount(1);

  await page.keyboard.press('Alt+W');
  await confirm.getByRole('button', { name: 'Discard and close' }).click();
  await expect(app.tabs).toBeHidden();
});

test('the status bar shows the local gateway listening', async ({ app }) => {
  await expect(app.statusBar.gateway).toContainText('Gateway listening');
  await expect(app.statusBar.gateway).toContainText(/http:\/\/127\.0\.0\.1:\d+/);
});

test('the explorer shows every resource kind, with honest empty states', async ({ app, page }) => {
  for (const section of [
    'APIs',
    'Sequences',
    'Applications',
    'Policies',
    'Key managers',
    'AI vendors',
    'Environments',
  ]) {
    await expect(app.explorer.section(section)).toBeVisible();
  }
  await expect(app.explorer.emptyState('No sequences yet')).toBeVisible();
  await expect(app.explorer.emptyState('No key managers yet')).toBeVisible();

  const sequences = app.explorer.section('Sequences');
  await sequences.getByText('Sequences', { exact: true }).click();
  await expect(sequences).toHaveAttribute('aria-expanded', 'false');
  await expect(app.explorer.emptyState('No sequences yet')).toBeHidden();
  // The tree follows the WAI-ARIA keyboard pattern.
  await sequences.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sequences).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(app.explorer.section('APIs')).toBeFocused();
});

test('Help lists the keyboard shortcuts', async ({ app, page }) => {
  await app.menu('Help', 'Keyboard shortcuts');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const action of [
    'Save the definition',
    'Close the tab',
    'Next tab',
    'Switch between light and dark theme',
  ]) {
    await expect(dialog.getByRole('cell', { name: action })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
