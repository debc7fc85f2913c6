import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { StudioPage } from '../pages/studio-page.js';
import { repoRoot, startStudio } from './studio.js';
import type { Studio } from './studio.js';

export { expect } from '@playwright/test';

/** The fixtures of a test that starts a web host of its own, on the sample workspace or an empty one. */
function studioTest(options: { sample?: boolean }) {
  return base.extend<{ studio: Studio; app: StudioPage }>({
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    studio: async ({}, use) => {
      const studio = await startStudio(options);
      try {
        await use(studio);
      } finally {
        await studio.stop();
      }
    },
    app: async ({ page, studio }, use) => {
      const app = new StudioPage(page);
      await app.open(studio.url);
      await use(app);
    },
  });
}

/**
 * `studio`: a web host of its own with an empty workspace; `app`: the page,
 * already open on it.
 */
export const test = studioTest({});

/** The same, on a copy of the sample workspace (PetStore and the rest). */
export const sampleTest = studioTest({ sample: true });

/** The sample PetStore OpenAPI document that ships with the studio. */
export function samplePetStore(): Promise<string> {
  return readFile(
    join(repoRoot, 'resources/sample-workspace/apis/PetStore-1.0.0/Definitions/swagger.yaml'),
    'utf8',
  );
}
