import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AiVendorsView } from './pages/ai-vendors.js';
import { Designer } from './pages/designer.js';
import { expect, test } from './support/test.js';

const openAiSpec = fileURLToPath(new URL('../fixtures/ai/openai-trimmed.yaml', import.meta.url));

test('defines a custom AI vendor, edits its price and creates an AI API from it', async ({
  app,
  studio,
  page,
}) => {
  const view = new AiVendorsView(page);
  await view.openButton.click();
  await expect(app.tab('AI vendors')).toHaveAttribute('aria-selected', 'true');

  // Built-in vendors are shown read-only, with their defaults.
  await view.builtIn('OpenAI').click();
  const builtIn = page.getByRole('form', { name: 'OpenAI (built-in)' });
  await expect(builtIn.getByLabel('Auth header')).toHaveValue('authorization');
  await expect(builtIn.getByLabel('Auth header')).toHaveAttribute('readonly', '');
  await expect(builtIn.getByRole('button', { name: 'Duplicate as custom' })).toBeVisible();

  // Validation names each field, before and after the studio's own schema.
  await view.newVendorButton.click();
  const form = view.newForm;
  await form.getByRole('button', { name: 'Save vendor' }).click();
  await expect(form.getByRole('alert')).toContainText('Name:');
  await expect(form.getByRole('alert')).toContainText('Auth header:');
  await form.getByLabel('Name').fill('acme-llm');
  await form.getByLabel('Auth header').fill('X-Acme-Key');
  await form.getByLabel('Value format').fill('Key {key}');
  await view.location(form, 'Prompt tokens', 'body', 'meter..in');
  await view.location(form, 'Completion tokens', 'body', 'meter.out');
  await view.location(form, 'Reasoning tokens', 'header', 'x-acme-reasoning');
  await form.getByRole('button', { name: 'Save vendor' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'usage.promptTokens.path: must be a dotted JSON path',
  );
  await view.location(form, 'Prompt tokens', 'body', 'meter.in');
  await form.getByRole('button', { name: 'Save vendor' }).click();

  // The vendor is a workspace file, shown as it is on disk.
  await expect(view.vendor('acme-llm')).toBeVisible();
  await expect(view.fileText).toContainText('header: x-acme-key');
  const file = join(studio.workspaceDir, 'ai-vendors/acme-llm.yaml');
  const saved = await readFile(file, 'utf8');
  expect(saved).toContain('prefix: "Key "');
  expect(saved).toContain('path: meter.in');

  // Prices: a negative number is refused, naming the field; then saved into the vendor file.
  await view.prices.getByRole('button', { name: 'Add model' }).click();
  await view.priceRow(1, { model: 'acme-1*', input: '-1', output: '8' });
  await view.prices.getByRole('button', { name: 'Save prices' }).click();
  await expect(view.prices.getByRole('alert')).toContainText('Input: must be a number, 0 or more');
  await view.priceRow(1, { model: 'acme-1*', input: '2', cachedInput: '0.5', output: '8' });
  await view.prices.getByRole('button', { name: 'Save prices' }).click();
  await expect(view.fileText).toContainText(/model: "?acme-1\*/);
  await expect.poll(() => readFile(file, 'utf8')).toContain('cachedInput: 0.5');

  // An AI API from the vendor, with the vendor's OpenAPI as its definition.
  await page.getByRole('button', { name: 'New AI API with acme-llm' }).click();
  await view.apiForm.getByLabel('API name').fill('Acme');
  await view.apiForm.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/v1');
  await view.apiForm.getByLabel('Key secret name').fill('acme-key');
  await view.apiForm.getByLabel('Vendor key').fill('sk-e2e-secret');
  await view.apiForm.getByLabel('Vendor OpenAPI (optional)').setInputFiles(openAiSpec);
  await expect(view.apiForm.getByLabel('Vendor', { exact: true })).toHaveValue('acme-llm');
  await view.apiForm.getByRole('button', { name: 'Create AI API' }).click();

  await expect(app.explorer.api('Acme')).toBeVisible();
  const designer = new Designer(page);
  await expect(designer.operation('POST', '/chat/completions')).toBeVisible();
  await expect(designer.operation('GET', '/models')).toBeVisible();
  const apiYaml = await readFile(join(studio.workspaceDir, 'apis/Acme-v1/api.yaml'), 'utf8');
  expect(apiYaml).toContain('subtype: AIAPI');
  expect(apiYaml).toContain('acme-llm');
  expect(apiYaml).not.toContain('sk-e2e-secret');
});
