import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PoliciesView } from './pages/policies.js';
import { expect, test } from './support/test.js';

const read = (dir: string, file: string) =>
  readFile(join(dir, 'policies', file), 'utf8').catch(() => '');

test('edits a plan in the form and the file changes; adds an API policy with a condition', async ({
  app,
  studio,
  page,
}) => {
  // Many steps, each through the real services; the default 90 s is tight on a busy machine.
  test.setTimeout(180_000);
  const policies = new PoliciesView(page);
  await policies.openButton.click();
  await expect(app.tab('Policies')).toHaveAttribute('aria-selected', 'true');
  await policies.item('Subscription plans', 'Gold').click();
  const gold = policies.form('Edit Gold');

  // Validation names the field and what is valid.
  await policies.field(gold, 'Request limit requests').fill('many');
  await policies.field(gold, 'Currency').fill('dollars');
  await gold.getByRole('button', { name: 'Save policy' }).click();
  await expect(gold.getByRole('alert')).toContainText(
    'Request limit requests: must be a whole number',
  );
  await expect(gold.getByRole('alert')).toContainText('Currency: a three-letter ISO 4217 code');

  await policies.field(gold, 'Request limit requests').fill('1234');
  await policies.field(gold, 'Currency').fill('');
  await policies.field(gold, 'Total tokens').fill('50000');
  await gold.getByRole('button', { name: 'Save policy' }).click();
  await expect
    .poll(() => read(studio.workspaceDir, 'subscription-Gold.yaml'))
    .toContain('requests: 1234');
  const text = await read(studio.workspaceDir, 'subscription-Gold.yaml');
  expect(text).toMatch(/^kind: subscription\nname: Gold\n/);
  expect(text).toContain('tokens:\n  total: 50000\n');
  // The other defaults were written out beside it, so none vanished.
  expect(await read(studio.workspaceDir, 'subscription-Silver.yaml')).toContain('name: Silver');
  await expect(policies.item('Subscription plans', 'Gold')).toContainText('1234/min');

  await policies.list.getByRole('button', { name: 'New API policy' }).click();
  const api = policies.form('New api policy');
  await policies.field(api, 'Name').fill('partners');
  await policies.field(api, 'Request limit requests').fill('100');
  await api.getByRole('button', { name: 'Add condition' }).click();
  await policies.field(api, 'Condition 1 IP range').fill('10.0.0.1');
  await policies.field(api, 'Condition 1 limit requests').fill('5');
  await api.getByRole('button', { name: 'Save policy' }).click();
  await expect(api.getByRole('alert')).toContainText('Condition 1 IP range: must be a CIDR range');
  await policies.field(api, 'Condition 1 IP range').fill('10.0.0.0/8');
  await api.getByRole('button', { name: 'Save policy' }).click();
  await expect
    .poll(() => read(studio.workspaceDir, 'api-partners.yaml'))
    .toContain('ipRange: 10.0.0.0/8');
  await expect(policies.item('API policies', 'partners')).toBeVisible();
});

test('adds, filters, disables and deletes denylist entries', async ({ app, page }) => {
  const policies = new PoliciesView(page);
  await policies.openButton.click();
  await expect(app.tab('Policies')).toHaveAttribute('aria-selected', 'true');
  await policies.denylistButton.click();
  await expect(policies.denylist).toContainText('No denylist entries');

  await policies.addEntry('IP', '999.1.1.1');
  await expect(policies.addEntryForm.getByRole('alert')).toContainText(
    'Value: an IPv4 or IPv6 address',
  );
  await policies.addEntry('IP', '203.0.113.7');
  await policies.addEntry('API', '/petstore/1.0.0');
  await expect(policies.entry('IP', '203.0.113.7')).toBeVisible();
  await expect(policies.entry('API', '/petstore/1.0.0')).toBeVisible();

  const enabled = policies.entry('IP', '203.0.113.7').getByRole('switch');
  await expect(enabled).toBeChecked();
  await enabled.click();
  await expect(enabled).not.toBeChecked();

  await policies.filter('State filter').selectOption('disabled');
  await expect(policies.entry('IP', '203.0.113.7')).toBeVisible();
  await expect(policies.entry('API', '/petstore/1.0.0')).toBeHidden();
  await policies.filter('State filter').selectOption('');
  await policies.filter('Search').fill('petstore');
  await expect(policies.entry('API', '/petstore/1.0.0')).toBeVisible();
  await expect(policies.entry('IP', '203.0.113.7')).toBeHidden();
  await policies.filter('Search').fill('');

  await policies.entry('API', '/petstore/1.0.0').getByRole('button', { name: 'Delete' }).click();
  await expect(policies.entry('API', '/petstore/1.0.0')).toBeHidden();
  await expect(policies.entry('IP', '203.0.113.7')).toBeVisible();
});
