/**
 * The README walk-through, end to end: the sample bundle, its demo API keys, and a
 * JWT minted by examples/mint-token.ts for the resident key manager.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundleFile } from '../../gateway-runtime/src/cli/load-bundle.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, type Backend, type RecordedRequest } from './helpers/backend.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let backend: Backend;
let gw: TestGateway;

async function mint(args: string[] = []): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'gateway-runtime/examples/mint-token.ts', ...args],
    { cwd: root, timeout: 30_000 },
  );
  return stdout.trim();
}

beforeAll(async () => {
  backend = await startBackend();
  const loaded = await loadBundleFile(`${root}gateway-runtime/examples/petstore.bundle.yaml`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  // The sample points at 127.0.0.1:9000; point it at this test's backend instead.
  const bundle = JSON.parse(
    JSON.stringify(loaded.bundle).replaceAll('http://127.0.0.1:9000', backend.url),
  ) as unknown;
  gw = await startGateway(bundle, { immutable: true });
});

afterAll(async () => {
  await gw?.close();
  await backend?.close();
});

describe('README walk-through', () => {
  it('calls the sample API with the demo production and sandbox keys', async () => {
    const prod = await send(gw.url, '/petstore/1.0.0/pets', {
      headers: { apikey: 'demo-key-production' },
    });
    expect(prod.json<RecordedRequest>().url).toBe('/prod/pets');
    const sandbox = await send(gw.url, '/petstore/pets/1', {
      headers: { apikey: 'demo-key-sandbox' },
    });
    expect(sandbox.json<RecordedRequest>().url).toBe('/sandbox/pets/1');
  });

  it('calls it with a JWT minted by examples/mint-token.ts, scopes included', async () => {
    const token = await mint();
    expect(
      (
        await send(gw.url, '/petstore/1.0.0/pets', {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
    const post = await send(gw.url, '/petstore/1.0.0/pets', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(post.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
    const writer = await mint(['--scope', 'pets:write']);
    expect(
      (
        await send(gw.url, '/petstore/1.0.0/pets', {
          method: 'POST',
          headers: { authorization: `Bearer ${writer}` },
        })
      ).status,
    ).toBe(200);
  });
});
