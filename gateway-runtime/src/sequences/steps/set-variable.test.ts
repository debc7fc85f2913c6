import { describe, expect, it } from 'vitest';
import { runSteps } from '../../../test-support/sequences.js';

describe('setVariable step', () => {
  it('keeps the type of a single placeholder and renders mixed text as text', async () => {
    const result = await runSteps(
      [
        { type: 'setVariable', name: 'pet', value: '{{ request.body }}' },
        { type: 'setVariable', name: 'count', value: '{{ $count(request.body.tags) }}' },
        {
          type: 'setVariable',
          name: 'label',
          value: '{{ variables.pet.name }} ({{ variables.count }})',
        },
        { type: 'setVariable', name: 'plain', value: 'just text' },
        { type: 'setVariable', name: 'missing', value: '{{ request.body.nothing }}' },
      ],
      { request: { method: 'POST', body: { name: 'Rex', tags: ['a', 'b'] } } },
    );
    expect(result.variables).toEqual({
      pet: { name: 'Rex', tags: ['a', 'b'] },
      count: 2,
      label: 'Rex (2)',
      plain: 'just text',
      missing: null,
    });
    expect(result.trace.map((entry) => entry.variables?.count)).toEqual([undefined, 2, 2, 2, 2]);
  });
});
