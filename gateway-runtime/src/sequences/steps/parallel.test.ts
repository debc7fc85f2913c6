import { describe, expect, it } from 'vitest';
import { faultFrom, messageFrom, runSteps } from '../../../test-support/sequences.js';

describe('parallel step', () => {
  it('merges the variables each branch set, the later branch winning, and drops branch message changes', async () => {
    const result = await runSteps([
      { type: 'setVariable', name: 'kept', value: 'before' },
      {
        type: 'parallel',
        branches: [
          {
            steps: [
              { type: 'setVariable', name: 'a', value: '1' },
              { type: 'setVariable', name: 'shared', value: 'first' },
              { type: 'setHeader', name: 'x-branch', value: '0' },
            ],
          },
          {
            steps: [
              { type: 'setVariable', name: 'b', value: '{{ variables.kept }}' },
              { type: 'setVariable', name: 'shared', value: 'second' },
            ],
          },
        ],
      },
    ]);
    expect(result.variables).toEqual({ kept: 'before', a: '1', b: 'before', shared: 'second' });
    expect(messageFrom(result).headers).toEqual({});
    expect(result.trace.map((e) => e.step)).toEqual(
      expect.arrayContaining(['1.branches.0.0', '1.branches.1.1']),
    );
  });

  it('faults with the first faulting branch', async () => {
    const result = await runSteps([
      {
        type: 'parallel',
        branches: [
          {
            steps: [
              { type: 'fault', code: 'BRANCH_DOWN', message: 'branch 0 failed', status: 503 },
            ],
          },
          { steps: [{ type: 'setVariable', name: 'x', value: '1' }] },
        ],
      },
      { type: 'log', message: 'never' },
    ]);
    expect(faultFrom(result)).toMatchObject({
      status: 503,
      body: { code: 'BRANCH_DOWN', message: 'branch 0 failed' },
    });
    expect(result.trace.some((e) => e.type === 'log')).toBe(false);
  });

  it('ends the run with the lowest responding branch', async () => {
    const result = await runSteps([
      {
        type: 'parallel',
        branches: [
          { steps: [{ type: 'log', message: 'no answer' }] },
          { steps: [{ type: 'respond', status: 202, body: 'from 1' }] },
          { steps: [{ type: 'respond', status: 203, body: 'from 2' }] },
        ],
      },
      { type: 'transform', expression: '"after"' },
    ]);
    expect(result.outcome).toBe('responded');
    expect(messageFrom(result)).toMatchObject({ status: 202, body: 'from 1' });
  });
});
