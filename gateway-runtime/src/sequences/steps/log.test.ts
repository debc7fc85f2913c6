import { describe, expect, it } from 'vitest';
import { recordingLogger, runSteps } from '../../../test-support/sequences.js';

describe('log step', () => {
  it('writes the rendered message at its level and notes it in a dry-run trace', async () => {
    const logger = recordingLogger();
    const result = await runSteps(
      [
        { type: 'log', message: 'pet {{ request.pathParams.id }} for {{ request.query.who }}' },
        { type: 'log', message: 'careful', level: 'warn' },
      ],
      { request: { pathParams: { id: '7' }, query: { who: 'ana' } }, host: { logger } },
    );
    expect(logger.lines).toEqual([
      { level: 'info', message: 'pet 7 for ana' },
      { level: 'warn', message: 'careful' },
    ]);
    expect(result.trace[0]?.log).toEqual({ level: 'info', message: 'pet 7 for ana' });
  });

  it('faults with the field path when a placeholder does not parse', async () => {
    const result = await runSteps([{ type: 'log', message: 'x {{ request.( }}' }]);
    expect(result.outcome).toBe('faulted');
    expect(result.trace[0]).toMatchObject({ outcome: 'fault', error: { code: 'SEQUENCE_ERROR' } });
    expect(result.trace[0]?.error?.message).toContain('step 0 message');
  });
});
