import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { LINT_WORKER_CSP, cspFor } from './csp-lint-worker.js';

describe('cspFor', () => {
  it("relaxes script-src for the lint worker's script only", () => {
    expect(LINT_WORKER_CSP).toContain("script-src 'self' 'unsafe-eval'");
    expect(cspFor('/assets/lint-worker-DmGzuKu3.js')).toBe(LINT_WORKER_CSP);
    expect(cspFor('/assets/lint-worker-DmGzuKu3.js?token=x')).toBe(LINT_WORKER_CSP);
    for (const path of [
      '/',
      '/assets/index-abc.js',
      '/assets/editor.worker-x.js',
      '/lint-worker-a.js',
    ]) {
      expect(cspFor(path)).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
