import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/test.js';

test('File > New workspace creates a folder with the sample APIs and lists them', async ({
  app,
  studio,
  page,
}) => {
  const folder = join(studio.rootDir, 'samples');
  await app.menu('File', 'New workspace…');
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Workspace folder').fill(folder);
  await dialog.getByLabel(/Add the sample APIs/).check();
  await dialog.getByRole('button', { name: 'Create workspace' }).click();

  await expect(dialog).toBeHidden();
  for (const name of ['PetStore', 'StarWars', 'Streetlights']) {
    await expect(app.explorer.api(name)).toBeVisible();
  }
  await expect(page.getByRole('navigation', { name: 'Explorer' })).toContainText('samples');

  // The previous workspace is one click away in File > Recent.
  await app.menu('File', new RegExp(`— ${escape(studio.workspaceDir)}$`));
  await expect(app.explorer.emptyState('No APIs yet')).toBeVisible();
});

test('File > Open in the browser takes a typed path, and explains a bad one beside it', async ({
  app,
  studio,
  page,
}) => {
  await page.keyboard.press('ControlOrMeta+O');
  const dialog = page.getByRole('dialog', { name: 'Open workspace' });
  const field = dialog.getByLabel('Workspace folder');
  const missing = join(studio.rootDir, 'no', 'such', 'folder');
  await field.fill(missing);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();

  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(field).toHaveValue(missing);

  await field.fill(studio.workspaceDir);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(app.explorer.tree).toBeVisible();
});

test('a recent workspace that vanished shows a dismissible notice with its code', async ({
  app,
  studio,
  page,
}) => {
  const other = join(studio.rootDir, 'other');
  await app.menu('File', 'New workspace…');
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Workspace folder').fill(other);
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();
  await app.menu('File', new RegExp(`— ${escape(studio.workspaceDir)}$`));
  await expect(page.getByRole('navigation', { name: 'Explorer' })).toContainText('ws');

  // Gone while the studio is open: the menu still offers it, opening it explains.
  await rm(other, { recursive: true, force: true });
  await app.menu('File', new RegExp(`— ${escape(other)}$`));
  const notice = app.notices.first();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(other);
  await expect(notice.getByTestId('notice-code')).toHaveText(/^[A-Z_]+$/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.notices).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Explorer' })).toContainText('ws');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
