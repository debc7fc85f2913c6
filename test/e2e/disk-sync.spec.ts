import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, samplePetStore, test } from './support/test.js';

const small = (extraPath: string): string => `openapi: 3.0.3
info:
  title: Inventory
  version: 1.0.0
paths:
  /items:
    get:
      summary: List items
${extraPath}`;

test('an edit of an API file on disk shows up in the open designer', async ({ app, studio }) => {
  const api = await studio.call('apis.create', { content: small('') });
  await expect(app.explorer.api('Inventory')).toBeVisible();
  await app.explorer.openApi('Inventory');
  await expect(app.designer.operation('GET', '/items')).toBeVisible();
  await expect(app.designer.operation('DELETE', '/items/{id}')).toHaveCount(0);

  const detail = await studio.call('apis.get', { id: api.id });
  const file = join(studio.workspaceDir, detail.definition!.file);
  await writeFile(file, small('  /items/{id}:\n    delete:\n      summary: Remove an item\n'));

  await expect(app.designer.operation('DELETE', '/items/{id}')).toBeVisible();
  await expect(app.designer.editor).toContainText('Remove an item');
  await expect(app.explorer.api('Inventory')).toBeVisible();
});

test('a change on disk does not overwrite unsaved edits; the designer offers both', async ({
  app,
  studio,
  page,
}) => {
  const api = await studio.call('apis.create', { content: small('') });
  const detail = await studio.call('apis.get', { id: api.id });
  const file = join(studio.workspaceDir, detail.definition!.file);
  await app.explorer.openApi('Inventory');
  await expect(app.designer.editor).toContainText('List items');

  await app.designer.focusEditorStart();
  await page.keyboard.type('# mine\n');
  await expect(app.designer.unsaved).toBeVisible();
  await writeFile(file, small('  /items/{id}:\n    delete:\n      summary: Theirs\n'));

  const banner = app.designer.panel.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(banner).toBeVisible();
  await expect(app.designer.operation('DELETE', '/items/{id}')).toBeVisible();
  await expect(app.designer.editor).toContainText('# mine');
  await expect(app.designer.editor).not.toContainText('Theirs');

  await banner.getByRole('button', { name: 'Load from disk' }).click();
  await expect(banner).toBeHidden();
  await expect(app.designer.editor).toContainText('Theirs');
  await expect(app.designer.editor).not.toContainText('# mine');
  await expect(app.designer.unsaved).toBeHidden();
});

test('an API folder removed on disk leaves the explorer, and its open tab says so', async ({
  app,
  studio,
}) => {
  const api = await studio.call('apis.create', { content: await samplePetStore() });
  await app.explorer.openApi('PetStore');
  await expect(app.designer.heading).toContainText('PetStore');

  await rm(join(studio.workspaceDir, api.path), { recursive: true, force: true });

  await expect(app.explorer.api('PetStore')).toHaveCount(0);
  await expect(app.explorer.emptyState('No APIs yet')).toBeVisible();
  await expect(app.designer.panel).toContainText('is no longer in the workspace');
  await app.designer.panel.getByRole('button', { name: 'Close tab' }).click();
  await expect(app.tabs).toBeHidden();
});

test('files a git pull adds show up in the explorer, and broken ones as problems', async ({
  app,
  studio,
  page,
}) => {
  await expect(app.explorer.emptyState('No sequences yet')).toBeVisible();
  await mkdir(join(studio.workspaceDir, 'sequences'), { recursive: true });
  await writeFile(
    join(studio.workspaceDir, 'sequences/mock-pets.yaml'),
    'name: mock-pets\nsteps: []\n',
  );
  await mkdir(join(studio.workspaceDir, 'apis/Broken-1.0.0'), { recursive: true });
  await writeFile(join(studio.workspaceDir, 'apis/Broken-1.0.0/api.yaml'), 'name: [unclosed\n');

  await expect(
    app.explorer.section('Sequences').getByRole('treeitem', { name: 'mock-pets' }),
  ).toBeVisible();
  await expect(app.explorer.emptyState('No sequences yet')).toBeHidden();
  const problems = page.getByRole('region', { name: /^Problems/ });
  await expect(problems).toContainText('apis/Broken-1.0.0');
  await expect(app.explorer.api('Broken')).toHaveCount(0);
});

test('Ctrl+S saves the edited definition to the workspace folder', async ({
  app,
  studio,
  page,
}) => {
  const api = await studio.call('apis.create', { content: small('') });
  const detail = await studio.call('apis.get', { id: api.id });
  const file = join(studio.workspaceDir, detail.definition!.file);
  const original = await readFile(file, 'utf8');
  await app.explorer.openApi('Inventory');
  await expect(app.designer.editor).toContainText('List items');
  await expect(app.designer.saveButton).toBeDisabled();

  await app.designer.focusEditorStart();
  await page.keyboard.type('# reviewed\n');
  await expect(app.designer.unsaved).toBeVisible();
  await expect(app.tab(/Inventory/)).toContainText('●');

  await page.keyboard.press('ControlOrMeta+S');
  await expect(app.designer.unsaved).toBeHidden();
  await expect(app.designer.saveButton).toBeDisabled();
  await expect.poll(() => readFile(file, 'utf8')).toBe(`# reviewed\n${original}`);

  // Saving right after typing, before the UI has caught up, still saves every keystroke.
  await page.keyboard.type('# again\n');
  await page.keyboard.press('ControlOrMeta+S');
  await expect.poll(() => readFile(file, 'utf8')).toBe(`# reviewed\n# again\n${original}`);
  await expect(app.designer.unsaved).toBeHidden();
});

test('the settings form writes the context and endpoint', async ({ app, studio }) => {
  const api = await studio.call('apis.create', { content: small('') });
  await app.explorer.openApi('Inventory');

  await app.designer.context.fill('no slash');
  await app.designer.applySettings.click();
  await expect(app.designer.panel.getByText('Start with "/"')).toBeVisible();

  await app.designer.context.fill('/stock');
  await app.designer.production.fill('http://127.0.0.1:9000');
  await app.designer.applySettings.click();
  await expect(app.designer.shownContext).toHaveText('/stock');

  const detail = await studio.call('apis.get', { id: api.id });
  expect(detail.context).toBe('/stock');
  expect(detail.endpoints.production).toBe('http://127.0.0.1:9000');
});
