/**
 * The one exception to the studio's Content-Security-Policy: the lint worker's
 * own script may evaluate generated code, because Spectral validates with Ajv,
 * which compiles JSON Schemas to functions (`new Function`), and its JSONPath
 * engine does the same. A dedicated worker's CSP is the one sent with its
 * script, not the page's, so only that script gets `'unsafe-eval'`; it has no
 * DOM and no bridge, only its message channel. Hosts call `cspFor(path)` where
 * they set the header. Like `csp.ts`, it imports no Electron, so the web host
 * (plain Node) uses it too.
 */
import { CONTENT_SECURITY_POLICY } from './csp.js';

/** Built name of the lint worker: `assets/lint-worker-<hash>.js` (Vite `?worker`). */
const lintWorkerPath = /\/assets\/lint-worker-[\w-]+\.js$/;

/** The lint worker's policy: the studio's, with `'unsafe-eval'` added to `script-src`. */
export const LINT_WORKER_CSP = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-eval'",
);

/** The Content-Security-Policy for a response to `path` (a URL path, query allowed). */
export function cspFor(path: string): string {
  return lintWorkerPath.test(path.split('?')[0] ?? '') ? LINT_WORKER_CSP : CONTENT_SECURITY_POLICY;
}
