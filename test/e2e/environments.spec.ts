import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentsView } from './pages/environments.js';
import { repoRoot } from './support/studio.js';
import { expect, samplePetStore, test } from './support/test.js';

interface Node {
  admin: string;
  stop(): Promise<void>;
}

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/** A real mutable `portico-gateway` node on free ports of 127.0.0.1, with an admin token. */
async function startNode(): Promise<Node> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-e2e-node-'));
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'gateway-runtime/bin/portico-gateway.js'),
      '--port',
      '0',
      '--admin-port',
      '0',
      '--data-dir',
      dataDir,
      '--admin-token',
      ADMIN_TOKEN,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const admin = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('admin '));
      if (line) resolve(line.slice('admin '.length).trim());
    });
    void exit.then(() => reject(new Error(`portico-gateway exited: ${err}`)));
  });
  return {
    admin,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exit;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

test('adds an environment of two nodes, pushes PetStore twice and rolls back', async ({
  app,
  studio,
  page,
}) => {
  const nodes: Node[] = [];
  try {
    nodes.push(await startNode(), await startNode());
    const envs = new EnvironmentsView(page);
    await app.explorer.newApiButton.click();
    await app.createApi.create(await samplePetStore());
    await expect(app.explorer.api('PetStore')).toBeVisible();

    await envs.openButton.click();
    await expect(app.tab('Environments')).toHaveAttribute('aria-selected', 'true');
    await envs.newButton.click();

    // Validation names the field.
    await envs.saveButton.click();
    await expect(envs.formError).toContainText('Name:');
    await expect(envs.formError).toContainText('Node 1 admin URL');

    await envs.create('staging', [
      { name: 'gw1', adminUrl: nodes[0]!.admin, tokenSecret: 'staging-admin' },
      { name: 'gw2', adminUrl: nodes[1]!.admin, tokenSecret: 'staging-admin' },
    ]);
    await expect(envs.item('staging')).toBeVisible();

    // Without the token's value the nodes refuse the studio.
    await expect(envs.secret('staging-admin')).toContainText('not set');
    await expect(envs.nodeRevision('gw1')).toHaveText('(nothing deployed)');
    await expect(page.getByTestId('node-gw1')).toContainText(/401|token/i);

    // The value goes into the secret store through the Secrets panel, never into the file.
    await envs.setSecret('staging-admin', ADMIN_TOKEN);
    await expect(envs.secret('staging-admin')).toContainText(/\bset\b/);
    await expect(envs.secret('staging-admin')).not.toContainText('not set');
    await page.getByRole('button', { name: 'Refresh status' }).click();
    await expect(page.getByTestId('node-gw1')).toContainText('Reachable');
    await expect(page.getByTestId('node-gw1')).not.toContainText('Unreachable');

    // First push: both nodes take it, and each node's progress arrives live.
    await expect(envs.api).toHaveValue('PetStore-1.0.0');
    await envs.push('first cut');
    await expect(envs.lastResult).toContainText('deployed');
    await expect(envs.nodeResult('gw1')).toContainText('ok');
    await expect(envs.nodeResult('gw2')).toContainText('ok');
    await expect(envs.progress('gw1')).toHaveText('gw1: done');
    await expect(envs.progress('gw2')).toHaveText('gw2: done');
    await expect(envs.state).toHaveText('In sync');
    await expect(envs.nodeRevision('gw1')).toHaveText(/^e-/);
    const first = (await envs.nodeRevision('gw1').textContent()) ?? '';
    await expect(envs.nodeRevision('gw2')).toHaveText(first);
    const firstApiRevision = (await envs.deployed.locator('code').textContent()) ?? '';
    expect(firstApiRevision).not.toBe('');

    // A second revision: the production endpoint changes.
    await studio.call('apis.updateSettings', {
      id: 'PetStore-1.0.0',
      endpoints: { production: 'http://127.0.0.1:9/v2' },
    });
    await envs.push('new backend');
    await expect(envs.nodeRevision('gw1')).not.toHaveText(first);
    const second = (await envs.nodeRevision('gw1').textContent()) ?? '';
    await expect(envs.nodeRevision('gw2')).toHaveText(second);
    await expect(envs.revisions.getByRole('row')).toHaveCount(3);
    await expect(envs.revisions).toContainText('new backend');
    await expect(envs.revisions).toContainText('first cut');

    // The diff between the two revisions shows the endpoint change.
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(envs.diff).toContainText('127.0.0.1:9/v2');

    // Roll back: both nodes are on the first revision again.
    await envs.rollbackButton.click();
    await expect(envs.lastResult).toContainText('rollback');
    await expect(envs.nodeRevision('gw1')).toHaveText(first);
    await expect(envs.nodeRevision('gw2')).toHaveText(first);
    await expect(envs.state).toHaveText('In sync');
    await expect(envs.deployed.locator('code')).toHaveText(firstApiRevision);

    // Undeploy: the nodes serve nothing.
    await envs.undeployButton.click();
    await expect(envs.lastResult).toContainText('undeploy');
    await expect(envs.nodeRevision('gw1')).toHaveText('(nothing deployed)');
    await expect(envs.nodeRevision('gw2')).toHaveText('(nothing deployed)');

    // A node that stops answering makes the environment diverged.
    await nodes[1]!.stop();
    await page.getByRole('button', { name: 'Refresh status' }).click();
    await expect(envs.state).toHaveText('Diverged');
    await expect(page.getByTestId('node-gw2')).toContainText('Unreachable');
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
  }
});
