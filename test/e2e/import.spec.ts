/**
 * Importing each kind of definition through the New API dialog and seeing its
 * operations: OpenAPI (a real cut of GitHub's API) as a file, AsyncAPI 2.x by URL from
 * a local server, a WSDL, a Postman collection and a GraphQL introspection result
 * as files, a multi-file folder; then exporting one as a download.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { buildSchema, introspectionFromSchema } from 'graphql';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { multiFile, petCollection } from '../../main/services/definitions/fixtures.js';
import { githubSubset, realSpecPackage } from '../support/real-specs.js';
import { ExportSection, ImportDialog } from './pages/import.js';
import { repoRoot } from './support/studio.js';
import { expect, test } from './support/test.js';

// Each test starts its own host and imports real, sizeable documents: on a loaded
// two-core machine that takes longer than the default budget.
test.describe.configure({ timeout: 240_000 });

test('opens a real GitHub OpenAPI subset, sees its format detected, and gets its operations', async ({
  app,
  page,
}) => {
  const github = JSON.stringify(await githubSubset(20), null, 2);
  const dialog = new ImportDialog(page);
  await page.keyboard.press('Alt+N');
  await dialog.openFile('api.github.com.subset.json', github);
  await expect(dialog.detected).toContainText(
    /^OpenAPI · GitHub Issues and Gists \S+ · \d+ operations$/,
  );
  await dialog.createButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(app.explorer.api('GitHub Issues and Gists')).toBeVisible();
  await expect(app.designer.operation('POST', '/repos/{owner}/{repo}/issues')).toBeVisible();
  await expect(app.designer.operation('GET', '/gists')).toBeVisible();
});

test('imports AsyncAPI 2.x from a URL and a WSDL from a file', async ({ app, page }) => {
  const examples = join(await realSpecPackage('asyncapiCliV2'), 'assets/examples');
  const streetlights = await readFile(join(examples, 'streetlights-mqtt.yml'), 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/streetlights.yml') res.end(streetlights);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const dialog = new ImportDialog(page);
    await page.keyboard.press('Alt+N');
    await dialog.source('From URL');
    await dialog.url.fill(`${url}/missing.yml`);
    await dialog.createButton.click();
    await expect(dialog.error).toContainText('answered HTTP 404');
    await dialog.url.fill(`${url}/streetlights.yml`);
    await dialog.createButton.click();
    await expect(dialog.dialog).toBeHidden();
    await expect(app.designer.heading).toContainText('Streetlights MQTT API');
    await expect(
      app.designer.operation(
        'PUBLISH',
        '/smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured',
      ),
    ).toBeVisible();
  } finally {
    server.closeAllConnections();
    server.close();
  }

  const wsdl = await readFile(
    join(await realSpecPackage('strongSoap'), 'example/wsdls/weather.wsdl'),
    'utf8',
  );
  await page.keyboard.press('Alt+N');
  const dialog = new ImportDialog(page);
  await dialog.openFile('weather.wsdl', wsdl);
  await expect(dialog.detected).toContainText(/^WSDL/);
  await dialog.createButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(app.designer.operation('POST', '/GetWeatherInformation')).toBeVisible();
});

test('converts a Postman collection and a GraphQL introspection result opened as files', async ({
  app,
  page,
}) => {
  const dialog = new ImportDialog(page);
  await page.keyboard.press('Alt+N');
  await dialog.openFile('clinic.postman_collection.json', JSON.stringify(petCollection, null, 2));
  await expect(dialog.detected).toHaveText(
    'Postman collection → OpenAPI · Pet Clinic 2.1.0 · 5 operations',
  );
  await dialog.createButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(app.designer.operation('GET', '/pets/{petId}')).toBeVisible();
  await expect(app.designer.operation('POST', '/owners/{ownerId}/visits')).toBeVisible();
  await expect(app.designer.production).toHaveValue('https://clinic.example.com/api');

  // A real introspection result, as graphql-js answers the introspection query for the
  // sample StarWars schema. (GitHub's 5 MB one is covered by the integration test: in
  // a textarea it makes every accessibility query of the page take seconds.)
  const starWars = await readFile(
    join(repoRoot, 'resources/sample-workspace/apis/StarWars-1.0.0/Definitions/schema.graphql'),
    'utf8',
  );
  const introspection = JSON.stringify({ data: introspectionFromSchema(buildSchema(starWars)) });
  await page.keyboard.press('Alt+N');
  await dialog.openFile('starwars-introspection.json', introspection);
  await expect(dialog.detected).toContainText(
    /^GraphQL introspection result → GraphQL · \d+ operations$/,
  );
  await dialog.name.fill('StarWarsLive');
  await dialog.createButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(app.designer.operation('MUTATION', 'createReview')).toBeVisible();
});

test('imports a multi-file folder with its root and exports it bundled as JSON', async ({
  app,
  page,
  studio,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-e2e-multi-'));
  try {
    for (const [path, content] of Object.entries(multiFile)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const dialog = new ImportDialog(page);
    await page.keyboard.press('Alt+N');
    await dialog.source('Multi-file folder');
    await dialog.folderInput.setInputFiles(join(dir, 'spec'));
    await expect(dialog.rootFile).toHaveValue('openapi.yaml');
    await dialog.createButton.click();
    await expect(dialog.dialog).toBeHidden();
    await expect(app.designer.operation('GET', '/pets/{id}')).toBeVisible();
    await expect(app.designer.operation('POST', '/animals')).toBeVisible();
    const copied = await readFile(
      join(studio.workspaceDir, 'apis/Split Pets-1.2.0/Definitions/schemas/pet.yaml'),
      'utf8',
    );
    expect(copied).toBe(multiFile['spec/schemas/pet.yaml']);

    const exporter = new ExportSection(page);
    await exporter.sectionTab.click();
    await exporter.json.check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exporter.download.click(),
    ]);
    expect(download.suggestedFilename()).toBe('Split Pets-1.2.0.json');
    const saved = join(dir, 'exported.json');
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, 'utf8')) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(exported.paths)).toEqual(['/pets', '/pets/{id}', '/animals']);
    expect(JSON.stringify(exported)).not.toContain('.yaml');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
