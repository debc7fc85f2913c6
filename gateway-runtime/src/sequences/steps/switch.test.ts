import { describe, expect, it } from 'vitest';
import { messageFrom, runSteps } from '../../../test-support/sequences.js';

const routeBySize = [
  {
    type: 'switch',
    cases: [
      {
        condition: 'request.query.size = "big"',
        steps: [{ type: 'transform', expression: '"big"' }],
      },
      { condition: 'request.query.size', steps: [{ type: 'transform', expression: '"some"' }] },
    ],
    default: [{ type: 'transform', expression: '"none"' }],
  },
];

describe('switch step', () => {
  it('runs the first truthy case, else the default', async () => {
    const bodyFor = async (query: Record<string, string>) =>
      messageFrom(await runSteps(routeBySize, { request: { query } })).body;
    expect(await bodyFor({ size: 'big' })).toBe('big');
    expect(await bodyFor({ size: 'small' })).toBe('some');
    expect(await bodyFor({ size: '' })).toBe('none');
    expect(await bodyFor({})).toBe('none');
  });

  it('traces nested paths and marks a switch with no match and no default skipped', async () => {
    const taken = await runSteps(routeBySize, { request: { query: { size: 'small' } } });
    expect(taken.trace.map((e) => [e.step, e.type, e.outcome])).toEqual([
      ['0', 'switch', 'ok'],
      ['0.cases.1.0', 'transform', 'ok'],
    ]);
    const none = await runSteps([
      { type: 'switch', cases: [{ condition: 'false', steps: [{ type: 'log', message: 'x' }] }] },
    ]);
    expect(none.trace.map((e) => [e.step, e.outcome])).toEqual([['0', 'skipped']]);
  });
});
