import { ApplicationsView } from './pages/applications.js';
import { expect, samplePetStore, test } from './support/test.js';

test('creates an application, shows a key once, subscribes, approves and resets throttling', async ({
  app,
  studio,
  page,
}) => {
  // Many steps, each through the real services; the default 90 s is tight on a busy machine.
  test.setTimeout(180_000);
  await studio.call('apis.create', { content: await samplePetStore() });
  const apps = new ApplicationsView(page);
  await apps.openButton.click();
  await expect(app.tab('Applications')).toHaveAttribute('aria-selected', 'true');

  // Validation names the field.
  await apps.newButton.click();
  await apps.form.getByRole('button', { name: 'Create application' }).click();
  await expect(apps.formError).toContainText('Name:');
  await apps.form.getByRole('button', { name: 'Cancel' }).click();

  await apps.create('Mobile', '50PerMin');
  await expect(apps.item('Mobile')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText('Application policy 50PerMin')).toBeVisible();

  // A new API key is shown once, with the warning, then only its metadata remains.
  await apps.button('Generate production key').click();
  await expect(apps.secretDialog).toContainText('you will not see it again');
  await expect(apps.secretDialog.getByLabel('API key')).toHaveValue(/^portico_[A-Za-z0-9_-]{43}$/);
  await apps.secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(apps.secretDialog).toBeHidden();
  await expect(page.getByText(/^PRODUCTION \(/)).toBeVisible();
  await expect(page.getByText(/portico_/)).toHaveCount(0);

  // A test token from the built-in key manager shows its claims.
  await apps.button('Get test token').click();
  await expect(apps.secretDialog.getByLabel('Token claims')).toContainText('"exp"');
  await apps.secretDialog.getByRole('button', { name: 'Done' }).click();

  await apps.subscribe('PetStore-1.0.0', 'Gold');
  await expect(apps.subscription('PetStore-1.0.0')).toContainText('UNBLOCKED');
  await expect(apps.planOf('PetStore-1.0.0')).toHaveValue('Gold');
  await apps.planOf('PetStore-1.0.0').selectOption('Silver');
  await expect(page.getByText('PetStore-1.0.0: plan changed to Silver')).toBeVisible();
  await expect(apps.planOf('PetStore-1.0.0')).toHaveValue('Silver');
  await apps.subscription('PetStore-1.0.0').getByRole('button', { name: 'Block' }).click();
  await expect(apps.subscription('PetStore-1.0.0')).toContainText('BLOCKED');
  await apps.subscription('PetStore-1.0.0').getByRole('button', { name: 'Unblock' }).click();
  await expect(apps.subscription('PetStore-1.0.0')).toContainText('UNBLOCKED');

  // A subscription that needs approval waits in the queue until approved.
  await apps.create('Partner', 'Unlimited');
  await apps.subscribe('PetStore-1.0.0', 'Bronze', true);
  await expect(apps.subscription('PetStore-1.0.0')).toContainText('ON_HOLD');
  const pending = apps.pending('Partner → PetStore-1.0.0');
  await expect(pending).toBeVisible();
  await pending.getByRole('button', { name: 'Approve' }).click();
  await expect(pending).toBeHidden();
  await expect(apps.queue).toContainText('No subscription is waiting for approval');
  await expect(apps.subscription('PetStore-1.0.0')).toContainText('UNBLOCKED');

  // Reset throttling goes through the local gateway's admin API.
  await apps.item('Mobile').click();
  await expect(async () => {
    await apps.button('Reset throttling').click();
    await expect(apps.resetResult).toContainText('Throttling reset for Mobile', { timeout: 2_000 });
  }).toPass();
});
