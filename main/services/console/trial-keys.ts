/**
 * Where a trial API key lives: the applications service keeps only a key's hash,
 * so the console keeps the raw key it generated, encrypted, in the store's secrets
 * under this name, for the studio and `portico test` to reuse.
 */
export const TRIAL_KEY_PREFIX = 'console.trial-key.';

export function trialKeyName(applicationId: string, keyType: 'PRODUCTION' | 'SANDBOX'): string {
  return `${TRIAL_KEY_PREFIX}${keyType}.${applicationId}`;
}
