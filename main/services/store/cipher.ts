/**
 * How secrets are encrypted at rest. The Electron host passes a `safeStorage`
 * cipher (the OS keychain); the web host and headless use the default here:
 * AES-256-GCM with a random key kept in a 0600 file beside the database.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts and decrypts secret values; `decrypt` throws on data it did not produce. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export const KEY_FILE = 'secret.key';
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function loadOrCreateKey(path: string): Buffer {
  try {
    const key = readFileSync(path);
    if (key.length !== 32)
      throw new Error(`${path} holds ${key.length} bytes; expected a 32-byte key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  try {
    // `wx`: if another process created the key meanwhile, use theirs rather than overwrite it.
    writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(path);
    throw error;
  }
  chmodSync(path, 0o600);
  return key;
}

/**
 * AES-256-GCM with a key file `<dir>/secret.key` (created 0600 when missing).
 * Layout: 1 format byte, 12-byte IV, 16-byte tag, ciphertext.
 */
export function createKeyFileCipher(dir: string): SecretCipher {
  const key = loadOrCreateKey(join(dir, KEY_FILE));
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(encrypted) {
      if (encrypted.length < 1 + IV_BYTES + TAG_BYTES || encrypted[0] !== FORMAT) {
        throw new Error('not a value this key file encrypted');
      }
      const iv = encrypted.subarray(1, 1 + IV_BYTES);
      const tag = encrypted.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(encrypted.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
