/**
 * The try-it console on the sample PetStore: a real backend on 127.0.0.1 behind the
 * studio's local gateway, an application subscribed through the IPC setup, then the UI
 * generates a trial key, sends, shows status, body and rate-limit headers, copies the
 * request as curl, saves it as a test case and runs it from the "Tests" section.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsolePage } from './pages/console.js';
import { expect, sampleTest as test } from './support/test.js';

/** PetStore's backend: answers every request with what it received, as JSON. */
async function startEcho(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, pets: [{ id: 1, name: 'Rex' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('sends from try-it with a trial key, copies curl, saves and runs a test case', async ({
  app,
  studio,
  page,
}) => {
  // Many steps, each waiting on a gateway redeploy: more than the default budget on a busy machine.
  test.setTimeout(240_000);
  const backend = await startEcho();
  try {
    await studio.call('apis.updateSettings', {
      id: 'PetStore-1.0.0',
      endpoints: { production: backend.url },
    });
    const mobile = await studio.call('applications.create', { name: 'Mobile' });
    await studio.call('subscriptions.create', {
      applicationId: mobile.id,
      apiId: 'PetStore-1.0.0',
      plan: 'Gold',
    });

    await app.explorer.openApi('PetStore');
    const tryIt = new ConsolePage(page);
    await tryIt.tryItTab.click();
    await tryIt.operation.selectOption({ label: 'GET /pets' });
    await expect(tryIt.path).toHaveValue('/pets');
    await tryIt.authentication.selectOption('apiKey');
    await expect(tryIt.application).toHaveValue(mobile.id);
    await tryIt.generateTrialKey.click();
    await expect(tryIt.trialKeyStored).toBeVisible();

    await tryIt.send.click();
    await expect(tryIt.status).toHaveText('200');
    await expect(tryIt.body).toContainText('"url": "/pets');
    await expect(tryIt.body).toContainText('"name": "Rex"');
    await expect(tryIt.rateLimits).toContainText('RateLimit-Policy');
    await expect(tryIt.rateLimits).toContainText('Gold');
    await expect(tryIt.timings).toContainText('First byte');
    await expect(tryIt.history.getByRole('button', { name: /GET \/pets 200/ })).toBeVisible();

    // Ctrl+Enter sends again from anywhere in the console.
    await tryIt.path.press('Control+Enter');
    await expect(tryIt.history.getByRole('button', { name: /GET \/pets 200/ })).toHaveCount(2);

    await tryIt.copyCurl.click();
    await expect(tryIt.curl).toContainText(
      /^curl http:\/\/127\.0\.0\.1:\d+\/petstore\/1\.0\.0\/pets \\/,
    );
    await expect(tryIt.curl).toContainText("-H 'apikey: ");

    await tryIt.saveAsTest.click();
    const dialog = tryIt.saveDialog();
    await dialog.getByLabel('Test case name').fill('list-pets');
    await expect(dialog.getByLabel('Assertion 1 expected')).toHaveValue('200');
    await dialog.getByRole('button', { name: 'Add assertion' }).click();
    await dialog.getByLabel('Assertion 2 kind').selectOption('body');
    await dialog.getByLabel('Assertion 2 JSON pointer').fill('/pets/0/name');
    await dialog.getByLabel('Assertion 2 expected').fill('Rex');
    await dialog.getByRole('button', { name: 'Save test case' }).click();
    await expect(dialog).toBeHidden();

    await tryIt.testsTab.click();
    const listed = tryIt.testCase('list-pets');
    await expect(listed).toContainText('status equals 200');
    await expect(listed).toContainText('body /pets/0/name equals "Rex"');
    await tryIt.runAll.click();
    await expect(tryIt.testSummary).toHaveText('1 passed, 0 failed');
    await expect(listed).toContainText('PASS');
  } finally {
    await new Promise<void>((resolve) => {
      backend.server.closeAllConnections();
      backend.server.close(() => resolve());
    });
  }
});
