import { describe, expect, it } from 'vitest';
import { faultFrom, runSteps } from '../../../test-support/sequences.js';

// Forwarding to a real backend is covered in test/integration/sequences-*.test.ts.
describe('send step', () => {
  it('faults naming why when there is no HTTP endpoint to forward to', async () => {
    const fault = faultFrom(
      await runSteps([{ type: 'send' }], {
        host: { sendUnavailable: 'pass "apiId" to forward to an API' },
      }),
    );
    expect(fault.body.code).toBe('SEQUENCE_ERROR');
    expect(fault.body.description).toContain('pass "apiId"');
  });
});
