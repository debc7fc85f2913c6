import { describe, expect, it } from 'vitest';
import { faultFrom, runSteps } from '../../test-support/sequences.js';
import { DEFAULT_LIMITS, resolveLimits } from './engine.js';
import { stepHandlers } from './registry.js';
import { stepTypes } from '../model/sequences.js';

describe('sequence engine', () => {
  it('has a handler for every step type of the model', () => {
    expect(Object.keys(stepHandlers).sort()).toEqual([...stepTypes].sort());
  });

  it('fills absent limits with the defaults', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxSteps: 5 })).toEqual({ ...DEFAULT_LIMITS, maxSteps: 5 });
  });

  it('ends a run over maxSteps with SEQUENCE_LIMIT, counting nested steps', async () => {
    const result = await runSteps(
      [
        {
          type: 'forEach',
          items: '[1..10]',
          variable: 'i',
          steps: [{ type: 'log', message: 'x' }],
        },
      ],
      { limits: { maxSteps: 4 } },
    );
    const fault = faultFrom(result);
    expect(fault).toMatchObject({ status: 500, body: { code: 'SEQUENCE_LIMIT' } });
    expect(fault.body.description).toContain('limit of 4 steps (at step 0.steps.0)');
  });

  it('ends a runaway expression with SEQUENCE_LIMIT (stack depth) or SEQUENCE_TIMEOUT', async () => {
    const result = await runSteps(
      [
        {
          type: 'transform',
          expression: '( $f := function($n) { $f($n + 1) + $f($n + 1) }; $f(0) )',
        },
      ],
      { limits: { timeoutMs: 200 } },
    );
    const fault = faultFrom(result);
    expect(fault.body.code).toMatch(/^SEQUENCE_(TIMEOUT|LIMIT)$/);
    expect(fault.status).toBeGreaterThanOrEqual(500);
  });

  it('records one trace entry per executed step with its duration and outcome', async () => {
    const result = await runSteps([
      { type: 'setVariable', name: 'a', value: '1' },
      { type: 'fault', code: 'STOP', message: 'stop' },
      { type: 'log', message: 'never' },
    ]);
    expect(result.trace.map((e) => [e.step, e.type, e.outcome, e.sequence])).toEqual([
      ['0', 'setVariable', 'ok', 'test'],
      ['1', 'fault', 'fault', 'test'],
    ]);
    for (const entry of result.trace) expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.trace[0]?.variables).toEqual({ a: '1' });
  });
});
