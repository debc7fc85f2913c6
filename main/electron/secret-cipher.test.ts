import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher } from './secret-cipher.js';

function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    // A reversible stand-in: the adapter must route through these, not keep plain text.
    encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
    decryptString: (buffer: Buffer) => buffer.toString().replace(/^enc:/, ''),
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
  };
}

describe('createSafeStorageCipher', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage(true), 'linux');
    const encrypted = cipher?.encrypt('sk-secret');
    expect(encrypted?.toString()).toBe('enc:sk-secret');
    expect(cipher?.decrypt(encrypted ?? Buffer.alloc(0))).toBe('sk-secret');
  });

  it('is null when encryption is unavailable', () => {
    expect(createSafeStorageCipher(fakeSafeStorage(false), 'darwin')).toBeNull();
  });

  it("is null on Linux's basic_text backend, whose key is not secret", () => {
    expect(createSafeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeNull();
    expect(createSafeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'win32')).not.toBeNull();
  });
});
