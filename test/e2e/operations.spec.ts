/**
 * API policies, access and scopes per operation, and the whole API's policy, set in the
 * designer of the sample PetStore: the api.yaml entries change as apictl writes them,
 * and the operations list shows what each operation now has.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Designer } from './pages/designer.js';
import { expect, sampleTest as test } from './support/test.js';

test('sets an operation open, under an API policy with scopes, and the API policy', async ({
  app,
  studio,
  page,
}) => {
  const apiYaml = () =>
    readFile(join(studio.workspaceDir, 'apis', 'PetStore-1.0.0', 'api.yaml'), 'utf8');
  await app.explorer.openApi('PetStore');
  const designer = new Designer(page);
  const row = designer.operation('GET', '/pets');
  await row.getByRole('button', { name: 'Settings of GET /pets' }).click();
  const editor = designer.panel.getByRole('form', { name: 'Settings of GET /pets' });

  await editor.getByLabel('Access').selectOption('none');
  await editor.getByLabel('API policy').selectOption('10KPerMin');
  await editor.getByLabel('OAuth2 scopes').fill('read:pets "bad"');
  await expect(editor.getByText('Not a scope: "bad"')).toBeVisible();
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(apiYaml).not.toContain('authType: None');

  await editor.getByLabel('OAuth2 scopes').fill('read:pets, write:pets');
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor).toBeHidden();
  await expect
    .poll(apiYaml)
    .toMatch(
      /- target: \/pets\n {6}verb: GET\n {6}authType: None\n {6}throttlingPolicy: 10KPerMin\n {6}scopes:\n {8}- read:pets\n {8}- write:pets\n/,
    );
  await expect(row).toContainText('open');
  await expect(row).toContainText('10KPerMin');
  await expect(row).toContainText('read:pets write:pets');
  // Other operations keep apictl's defaults.
  await expect(designer.operation('POST', '/pets')).not.toContainText('open');

  await designer.panel.getByLabel(/^API policy \(the whole API/).selectOption('50KPerMin');
  await designer.applySettings.click();
  await expect.poll(apiYaml).toContain('apiThrottlingPolicy: 50KPerMin');
});
