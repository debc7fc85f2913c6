import { AnalyticsView } from './pages/analytics.js';
import { TrafficView } from './pages/traffic.js';
import { expect, samplePetStore, test } from './support/test.js';
import type { Studio } from './support/studio.js';

/** The local gateway's traffic URL once it serves PetStore. */
async function gatewayServing(studio: Studio, context: string): Promise<string> {
  let url = '';
  await expect
    .poll(
      async () => {
        const status = await studio.call('gateway.status', {});
        url = status.listeners[0] ?? '';
        return status.state === 'running' && status.apis.some((a) => a.context === context);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return url;
}

test('requests through the local gateway appear live, filter, open, export as HAR and count in analytics', async ({
  app,
  studio,
  page,
}) => {
  // A studio, its gateway child and a browser on two shared cores: give it room.
  test.setTimeout(180_000);
  const traffic = new TrafficView(page);
  const analytics = new AnalyticsView(page);
  // Created behind the UI: the designer's editor is not what this test is about.
  await studio.call('apis.create', { content: await samplePetStore() });
  await expect(app.explorer.api('PetStore')).toBeVisible();
  const gateway = await gatewayServing(studio, '/petstore');

  await traffic.openButton.click();
  await expect(app.tab('Traffic')).toHaveAttribute('aria-selected', 'true');

  // Sent from outside the studio, as any client would: two without a key, one to nowhere.
  for (const path of ['/petstore/1.0.0/pets', '/petstore/1.0.0/pets?limit=1', '/nowhere/x'])
    await fetch(`${gateway}${path}`);
  await expect(traffic.rows).toHaveCount(3);
  await expect(traffic.log).toContainText('/nowhere/x');

  // Pause holds new rows back until resumed.
  await traffic.pauseButton.click();
  await fetch(`${gateway}/nowhere/y`);
  await expect(traffic.pauseButton).toHaveText('Resume (1 new)');
  await expect(traffic.rows).toHaveCount(3);
  await traffic.pauseButton.click();
  await expect(traffic.rows).toHaveCount(4);

  // Filters.
  await traffic.status.selectOption('404');
  await expect(traffic.rows).toHaveCount(2);
  await traffic.status.selectOption('');
  await traffic.search.fill('limit=1');
  await expect(traffic.rows).toHaveCount(1);
  await traffic.search.fill('');

  // One request in full: the authenticate stage rejected it, nothing after ran.
  await traffic.open('GET', '/petstore/1.0.0/pets', 401).click();
  await expect(traffic.detail).toBeVisible();
  await expect(traffic.stages).toContainText('route');
  await expect(traffic.stages.getByRole('listitem').nth(2)).toContainText('rejected');
  await expect(traffic.stages.getByRole('listitem').nth(2)).toContainText('MISSING_CREDENTIALS');
  await expect(traffic.stages.getByRole('listitem').nth(5)).toContainText('not-reached');
  await expect(traffic.detail.getByRole('table', { name: 'Response headers' })).toContainText(
    'www-authenticate',
  );

  // HAR of what the filter shows (only the 404s).
  await traffic.status.selectOption('404');
  const har = await traffic.exportHar();
  expect(har.name).toMatch(/\.har$/);
  const parsed = JSON.parse(har.text) as {
    log: { version: string; entries: { request: { url: string }; response: { status: number } }[] };
  };
  expect(parsed.log.version).toBe('1.2');
  expect(parsed.log.entries.map((e) => e.response.status)).toEqual([404, 404]);
  expect(parsed.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual([
    '/nowhere/x',
    '/nowhere/y',
  ]);

  // Analytics count the same four requests.
  await analytics.openButton.click();
  await expect(app.tab('Analytics')).toHaveAttribute('aria-selected', 'true');
  await analytics.groupBy.selectOption('status');
  // Events reach the gateway's analytics store in batches; the view refreshes itself.
  await expect(analytics.dataRow('Requests by status', '401')).toContainText('2', {
    timeout: 30_000,
  });
  await expect(analytics.dataRow('Requests by status', '404')).toContainText('2');
  await expect(analytics.data('Requests over time')).toBeVisible();
  await expect(analytics.total('Requests')).toHaveText('4');
  await expect(analytics.total('Errors')).toHaveText('4');
});
