import { describe, expect, it } from 'vitest';
import { faultFrom, runSteps } from '../../../test-support/sequences.js';

describe('forEach step', () => {
  it('loops over an array, a single value once, nothing zero times', async () => {
    const collect = (items: string) => [
      { type: 'setVariable', name: 'seen', value: '{{ [] }}' },
      {
        type: 'forEach',
        items,
        variable: 'item',
        steps: [
          {
            type: 'setVariable',
            name: 'seen',
            value: '{{ $append(variables.seen, variables.item) }}',
          },
        ],
      },
    ];
    const body = { ids: [1, 2, 3], one: 9 };
    const seen = async (items: string) =>
      (await runSteps(collect(items), { request: { body } })).variables.seen;
    expect(await seen('request.body.ids')).toEqual([1, 2, 3]);
    expect(await seen('request.body.one')).toEqual([9]);
    expect(await seen('request.body.none')).toEqual([]);
  });

  it('traces every pass and faults before the first pass over maxIterations', async () => {
    const loop = [
      {
        type: 'forEach',
        items: 'request.body',
        variable: 'n',
        steps: [{ type: 'log', message: '{{ variables.n }}' }],
      },
    ];
    const ok = await runSteps(loop, { request: { body: [1, 2] } });
    expect(ok.trace.map((e) => e.step)).toEqual(['0', '0.steps.0', '0.steps.0']);
    const over = await runSteps(loop, {
      request: { body: [1, 2, 3] },
      limits: { maxIterations: 2 },
    });
    expect(faultFrom(over).body).toMatchObject({ code: 'SEQUENCE_LIMIT' });
    expect(faultFrom(over).body.description).toContain('over the limit of 2 iterations');
    expect(over.trace).toHaveLength(1);
  });
});
