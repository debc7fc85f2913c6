import { describe, expect, it } from 'vitest';
import { messageFrom, runSteps } from '../../../test-support/sequences.js';

describe('respond step', () => {
  it('ends the run with its status, rendered headers and body; later steps do not run', async () => {
    const result = await runSteps(
      [
        {
          type: 'respond',
          status: 201,
          headers: { 'X-Id': '{{ request.pathParams.id }}' },
          body: {
            id: '{{ $number(request.pathParams.id) }}',
            note: 'pet {{ request.pathParams.id }}',
          },
        },
        { type: 'fault', code: 'NEVER', message: 'not reached' },
      ],
      { request: { pathParams: { id: '5' }, headers: { 'user-agent': 'ua' } } },
    );
    expect(result.outcome).toBe('responded');
    const message = messageFrom(result);
    expect(message.status).toBe(201);
    expect(message.headers).toEqual({ 'x-id': '5' });
    expect(message.body).toEqual({ id: 5, note: 'pet 5' });
    expect(result.trace.map((e) => e.type)).toEqual(['respond']);
  });

  it('defaults to 200 and the current message body, without echoing request headers', async () => {
    const message = messageFrom(
      await runSteps([{ type: 'transform', expression: '{"ok": true}' }, { type: 'respond' }], {
        request: { headers: { authorization: 'secret' } },
      }),
    );
    expect(message).toMatchObject({ status: 200, headers: {}, body: { ok: true } });
  });
});
