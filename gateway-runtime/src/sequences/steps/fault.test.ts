import { describe, expect, it } from 'vitest';
import { faultFrom, runSteps } from '../../../test-support/sequences.js';

describe('fault step', () => {
  it('answers the step status with { code, message, description }', async () => {
    const result = await runSteps(
      [
        {
          type: 'fault',
          status: 422,
          code: 'BAD_PET',
          message: 'pet {{ request.pathParams.id }} is bad',
        },
      ],
      { request: { pathParams: { id: '9' } } },
    );
    const fault = faultFrom(result);
    expect(fault.status).toBe(422);
    expect(fault.errorCode).toBe('SEQUENCE_FAULT');
    expect(fault.body).toEqual({
      code: 'BAD_PET',
      message: 'pet 9 is bad',
      description: 'sequence "test" faulted at step 0: pet 9 is bad',
    });
    expect(result.trace[0]).toMatchObject({
      outcome: 'fault',
      error: { code: 'BAD_PET', message: 'pet 9 is bad' },
    });
  });

  it('defaults to 500', async () => {
    expect(faultFrom(await runSteps([{ type: 'fault', code: 'X', message: 'm' }])).status).toBe(
      500,
    );
  });
});
