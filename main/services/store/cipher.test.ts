import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, createKeyFileCipher } from './cipher.js';

const dirs: string[] = [];
async function dir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'portico-cipher-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('createKeyFileCipher', () => {
  it('round-trips text and never stores it in the clear', async () => {
    const cipher = createKeyFileCipher(await dir());
    const sealed = cipher.encrypt('sk-live-123 ✓');
    expect(sealed.includes(Buffer.from('sk-live-123'))).toBe(false);
    expect(cipher.decrypt(sealed)).toBe('sk-live-123 ✓');
    expect(cipher.encrypt('same').equals(cipher.encrypt('same'))).toBe(false);
  });

  it('creates a 32-byte key readable only by its owner, and reuses it', async () => {
    const d = await dir();
    const sealed = createKeyFileCipher(d).encrypt('kept');
    const key = join(d, KEY_FILE);
    expect((await readFile(key)).length).toBe(32);
    if (process.platform !== 'win32') expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect(createKeyFileCipher(d).decrypt(sealed)).toBe('kept');
  });

  it('refuses tampered data and data sealed with another key', async () => {
    const cipher = createKeyFileCipher(await dir());
    const sealed = cipher.encrypt('secret');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => cipher.decrypt(Buffer.from('xx'))).toThrow(/not a value/);
    const other = createKeyFileCipher(await dir());
    expect(() => other.decrypt(sealed)).toThrow();
  });

  it('refuses a key file of the wrong size rather than use it', async () => {
    const d = await dir();
    await writeFile(join(d, KEY_FILE), 'short');
    expect(() => createKeyFileCipher(d)).toThrow(/expected a 32-byte key/);
  });
});
