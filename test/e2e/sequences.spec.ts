import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SequencesPage } from './pages/sequences.js';
import { expect, samplePetStore, test } from './support/test.js';

/** A backend on 127.0.0.1 answering one JSON document for every request. */
async function backend(answer: unknown): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

test('a scatter-gather sequence built on the canvas serves an API through the local gateway', async ({
  app,
  studio,
  page,
}) => {
  const pets = await backend({ id: 7, name: 'Rex' });
  const owners = await backend({ owner: 'Ada' });
  try {
    await studio.call('apis.create', { content: await samplePetStore() });
    const seq = new SequencesPage(page);

    // A new, empty sequence.
    await seq.create('pet-profile');
    await expect(app.tab('pet-profile')).toBeVisible();
    await expect(seq.slot(/End of sequence/)).toBeVisible();

    // Parallel with a call in each branch: palette buttons add at the chosen insertion point.
    await seq.paletteItem('Parallel').click();
    await expect(seq.step('Parallel', 'steps[0]')).toBeVisible();
    await seq.slot(/Branch 1/).click();
    await seq.paletteItem('Call').click();
    const call1 = seq.settings('Call');
    await call1.getByLabel('URL').fill(`${pets.url}/pets/{{request.pathParams.petId}}`);
    await call1.getByLabel('Result variable').fill('pet');
    await seq.slot(/Branch 2/).click();
    await seq.paletteItem('Call').click();
    await expect(seq.step('Call', 'steps[0].branches[1].steps[0]')).toBeVisible();
    const call2 = seq.settings('Call');
    await call2.getByLabel('URL').fill(`${owners.url}/owner`);
    await call2.getByLabel('Result variable').fill('owner');

    // Transform, added from the keyboard, its expression typed with completion.
    await seq.slot(/End of sequence/).click();
    await seq.paletteItem('Transform').focus();
    await page.keyboard.press('Enter');
    const expression = seq.settings('Transform').getByRole('combobox', {
      name: 'Expression (JSONata)',
    });
    await expression.fill('');
    await expression.pressSequentially('$mer');
    await expect(page.getByRole('option', { name: /^\$merge/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expression.pressSequentially('[variables.p');
    await expect(page.getByRole('option', { name: /^variables\.pet/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expression.pressSequentially('.body, variables.owner.body])');
    await expect(expression).toHaveValue('$merge([variables.pet.body, variables.owner.body])');

    // Respond, dragged from the palette onto the end of the sequence.
    await seq.paletteItem('Respond').dragTo(seq.slot(/End of sequence/));
    await expect(seq.step('Respond', 'steps[2]')).toBeVisible();

    // Undo and redo with the keyboard while the canvas has focus.
    await seq.main.focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(seq.step('Respond', 'steps[2]')).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(seq.step('Respond', 'steps[2]')).toBeVisible();
    await expect(seq.status).toHaveText('Valid');

    // A wrong URL is named on the step's field, then fixed.
    await seq.step('Call', 'steps[0].branches[0].steps[0]').click();
    await seq.settings('Call').getByLabel('URL').fill('not a url');
    await expect(
      seq.settings('Call').getByText('must be an absolute http:// or https:// URL'),
    ).toBeVisible();
    await expect(seq.status).toHaveText('1 problem');
    await seq
      .settings('Call')
      .getByLabel('URL')
      .fill(`${pets.url}/pets/{{request.pathParams.petId}}`);
    await expect(seq.status).toHaveText('Valid');

    // Ctrl+S saves the file.
    await seq.main.focus();
    await page.keyboard.press('ControlOrMeta+s');
    await expect(seq.save).toBeDisabled();
    const saved = await readFile(join(studio.workspaceDir, 'sequences/pet-profile.yaml'), 'utf8');
    expect(saved).toContain('type: parallel');
    expect(saved).toContain('expression: $merge([variables.pet.body, variables.owner.body])');

    // A dry run through the local gateway shows the merged answer and the trace.
    await seq.sideTab('Try').click();
    const tryPanel = page.getByRole('region', { name: 'Try the sequence' });
    await tryPanel.getByLabel('Path').fill('/pets/7');
    await tryPanel.getByRole('button', { name: 'Run' }).click();
    await expect(tryPanel.getByLabel('Response status')).toHaveText('200');
    await expect(tryPanel.getByLabel('Response body')).toContainText('"owner": "Ada"');
    await expect(tryPanel.getByRole('table', { name: 'Trace' }).getByRole('row')).toHaveCount(6);

    // PetStore's production endpoint becomes the sequence.
    await app.explorer.openApi('PetStore');
    await app.designer.panel.getByLabel('Production served by').selectOption('sequence');
    await expect(app.designer.panel.getByLabel('Production sequence')).toHaveValue('pet-profile');
    await app.designer.applySettings.click();
    await expect
      .poll(
        async () => (await studio.call('apis.get', { id: 'PetStore-1.0.0' })).endpoints.production,
      )
      .toBe('sequence:pet-profile');

    // A subscribed key calls the API through the studio's own gateway.
    const application = await studio.call('applications.create', { name: 'Profiles' });
    const { apiKey } = await studio.call('applications.generateApiKey', {
      applicationId: application.id,
      keyType: 'PRODUCTION',
    });
    await studio.call('subscriptions.create', {
      applicationId: application.id,
      apiId: 'PetStore-1.0.0',
      plan: 'Gold',
    });
    await expect
      .poll(
        async () => {
          const status = await studio.call('gateway.status', {});
          if (status.state !== 'running' || !status.listeners[0]) return null;
          const response = await fetch(`${status.listeners[0]}/petstore/1.0.0/pets/7`, {
            headers: { apikey: apiKey },
          });
          return { status: response.status, body: (await response.json()) as unknown };
        },
        { timeout: 30_000 },
      )
      .toEqual({ status: 200, body: { id: 7, name: 'Rex', owner: 'Ada' } });
    expect(pets.hits).toContain('/pets/7');
  } finally {
    await new Promise((resolve) => pets.server.close(resolve));
    await new Promise((resolve) => owners.server.close(resolve));
  }
});
