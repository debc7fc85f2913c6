import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, samplePetStore, test } from './support/test.js';

test('creates an API from the PetStore OpenAPI, and finds it again after a host restart', async ({
  app,
  studio,
  page,
}) => {
  const petstore = await samplePetStore();
  await expect(app.explorer.emptyState('No APIs yet')).toBeVisible();

  await page.keyboard.press('Alt+N');
  await app.createApi.create(petstore);

  await expect(app.createApi.dialog).toBeHidden();
  await expect(app.explorer.api('PetStore')).toBeVisible();
  await expect(app.tab(/^PetStore/)).toHaveAttribute('aria-selected', 'true');
  await expect(app.designer.heading).toContainText('PetStore');
  await expect(app.designer.operation('GET', '/pets')).toBeVisible();

  // Written into the workspace folder in the apictl layout, the definition as pasted.
  const onDisk = await readFile(
    join(studio.workspaceDir, 'apis/PetStore-1.0.0/Definitions/swagger.yaml'),
    'utf8',
  );
  expect(onDisk.trim()).toBe(petstore.trim());

  await studio.restart();
  await app.open(studio.url);

  await expect(app.explorer.api('PetStore')).toBeVisible();
  await app.explorer.openApi('PetStore');
  await expect(app.designer.heading).toContainText('PetStore');
  await expect(app.designer.operation('GET', '/pets')).toBeVisible();
});

test('creates an API from an opened file', async ({ app }) => {
  const petstore = await samplePetStore();
  await app.explorer.newApiButton.click();
  await app.createApi.fileInput.setInputFiles({
    name: 'petstore.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(petstore),
  });
  await expect(app.createApi.definition).toHaveValue(petstore);
  await app.createApi.createButton.click();
  await expect(app.explorer.api('PetStore')).toBeVisible();
});

test('a bad paste shows an error naming what is wrong and keeps the pasted text', async ({
  app,
  page,
}) => {
  const broken = 'openapi: 3.0.3\ninfo:\n  title: Broken\npaths:\n  /things: [unclosed\n';
  await page.keyboard.press('Alt+N');
  await app.createApi.create(broken);

  await expect(app.createApi.error).toBeVisible();
  await expect(app.createApi.error).toContainText('Could not create the API');
  await expect(app.createApi.error).toContainText('DEFINITION_INVALID');
  // Where the document breaks, not just that it does.
  await expect(app.createApi.error).toContainText('line 6');
  await expect(app.createApi.dialog).toBeVisible();
  await expect(app.createApi.definition).toHaveValue(broken);

  // Fixing the text in place and trying again works from the same dialog.
  await app.createApi.paste(await samplePetStore());
  await app.createApi.createButton.click();
  await expect(app.createApi.dialog).toBeHidden();
  await expect(app.explorer.api('PetStore')).toBeVisible();
});

test('an empty paste is refused before it reaches the host', async ({ app, page }) => {
  await page.keyboard.press('Alt+N');
  await app.createApi.createButton.click();
  await expect(app.createApi.error).toContainText('Paste a definition or open a file first');
});
