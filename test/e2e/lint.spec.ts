import { expect, samplePetStore, test } from './support/test.js';

test('lint errors appear as markers and problems while typing, and clear when fixed', async ({
  app,
  page,
}) => {
  await page.keyboard.press('Alt+N');
  await app.createApi.create(await samplePetStore());
  const designer = app.designer;
  await expect(designer.heading).toContainText('PetStore');

  // The sample is clean of errors: the worker's first answer says so.
  await expect(designer.problemsHeading).toContainText('0 errors', { timeout: 60_000 });
  await expect(designer.errorMarkers()).toHaveCount(0);

  // A key the OpenAPI schema does not allow at the top level.
  await designer.focusEditorStart();
  await page.keyboard.type('foo: bar\n');
  const problem = designer.problem(/Property "foo" is not expected to be here/);
  await expect(problem).toBeVisible({ timeout: 60_000 });
  await expect(designer.problemsHeading).toContainText('1 error');
  await expect(designer.errorMarkers().first()).toBeAttached();

  // Fix it: delete the line again.
  await designer.focusEditorStart();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await expect(problem).toBeHidden({ timeout: 60_000 });
  await expect(designer.problemsHeading).toContainText('0 errors');
  await expect(designer.errorMarkers()).toHaveCount(0);
});

test('an outline entry reveals its line in the editor', async ({ app, page }) => {
  await page.keyboard.press('Alt+N');
  await app.createApi.create(await samplePetStore());
  const designer = app.designer;

  // deletePet sits near the end of the 270-line sample: off screen at first.
  const target = designer.editor.getByText('operationId: deletePet');
  await expect(designer.outlineEntry('DELETE /pets/{petId}')).toBeVisible({ timeout: 60_000 });
  await expect(target).toBeHidden();
  await designer.outlineEntry('DELETE /pets/{petId}').click();
  await expect(target).toBeVisible();
});
