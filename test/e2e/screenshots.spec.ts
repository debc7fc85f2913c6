import { expect, samplePetStore, test } from './support/test.js';

/**
 * The main screen in both themes, saved under test-results/screenshots for a
 * human to look at; the assertions check the themes really differ.
 */
test('screenshots of the main screen in both themes', async ({ app, studio, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await studio.call('apis.create', { content: await samplePetStore() });
  await app.explorer.openApi('PetStore');
  await expect(app.designer.operation('GET', '/pets')).toBeVisible();
  await expect(app.designer.editor).toContainText('openapi');
  await expect(app.statusBar.gateway).toContainText('Gateway listening');

  const backgrounds: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    if ((await app.theme()) !== theme) await app.themeToggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    const path = testInfo.outputPath(`main-${theme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`main screen, ${theme}`, { path, contentType: 'image/png' });
  }
  expect(backgrounds[0]).not.toBe(backgrounds[1]);
});
