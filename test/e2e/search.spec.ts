/**
 * The header search box: Ctrl/Cmd+K focuses it, results come as you type with the
 * match marked, filters narrow them, the keyboard picks a hit and the API's tab
 * opens at it; "Show all results" opens the Search view.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SearchBox } from './pages/search.js';
import { repoRoot } from './support/studio.js';
import { expect, samplePetStore, test } from './support/test.js';

// Each test starts its own host and imports real, sizeable documents: on a loaded
// two-core machine that takes longer than the default budget.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ studio, app }) => {
  const starWars = await readFile(
    join(repoRoot, 'resources/sample-workspace/apis/StarWars-1.0.0/Definitions/schema.graphql'),
    'utf8',
  );
  await studio.call('apis.create', { content: await samplePetStore() });
  await studio.call('apis.create', { content: starWars, name: 'StarWars' });
  await expect(app.explorer.api('StarWars')).toBeVisible();
});

test('finds definitions as you type, marks the match, and opens the API at the hit', async ({
  app,
  page,
}) => {
  const search = new SearchBox(page);
  await page.keyboard.press('ControlOrMeta+K');
  await expect(search.input).toBeFocused();
  await expect(search.help).toBeVisible();
  await expect(page.getByText('type:graphql', { exact: true })).toBeVisible();

  await search.input.pressSequentially('pets');
  await expect(search.hits().first()).toBeVisible();
  await expect(search.hits().first().locator('mark').first()).toHaveText(/^pets/i);
  await expect(search.input).toHaveAttribute('aria-expanded', 'true');
  const first = (await search.hits().first().textContent()) ?? '';
  expect(first).toContain('PetStore');

  await page.keyboard.press('ArrowDown');
  await expect(search.hits().nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(search.hits().first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(search.results).toBeHidden();
  await expect(app.tab(/^PetStore/)).toHaveAttribute('aria-selected', 'true');
  await expect(app.designer.heading).toContainText('PetStore');
});

test('filters by type and shows every result in the Search view', async ({ app, page }) => {
  const search = new SearchBox(page);
  await search.input.click();
  await search.input.fill('type:graphql');
  await expect(search.hits().first()).toBeVisible();
  for (const text of await search.hits().allTextContents()) expect(text).toContain('StarWars');

  await search.input.fill('type:nonsense');
  await expect(page.getByRole('alert').filter({ hasText: 'type:' })).toBeVisible();

  await search.input.fill('pet');
  await expect(search.hits().first()).toBeVisible();
  await search.showAll.click();
  await expect(app.tab('Search')).toHaveAttribute('aria-selected', 'true');
  await expect(search.view.getByRole('searchbox', { name: 'Search in definitions' })).toHaveValue(
    'pet',
  );
  await expect(search.viewResults.getByRole('button').first()).toBeVisible();
  await search.viewResults
    .getByRole('button', { name: /StarWars|PetStore/ })
    .first()
    .click();
  await expect(app.tab(/^(PetStore|StarWars)/)).toHaveAttribute('aria-selected', 'true');
});
