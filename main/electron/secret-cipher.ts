/**
 * The secret store's cipher backed by Electron `safeStorage` (the OS keychain,
 * DPAPI or libsecret/kwallet). When the OS offers no real key store, the services
 * fall back to their key file rather than trust a cipher that is not one.
 */
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../services/index.js';

type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

/**
 * `null` when safeStorage cannot protect anything: not available yet (call
 * after `app.whenReady()`), or on Linux the `basic_text` backend, whose key is
 * a constant compiled into Chromium.
 */
export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
    return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
