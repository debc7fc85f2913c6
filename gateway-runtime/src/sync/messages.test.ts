import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './messages.js';

describe('sync messages', () => {
  it('round-trips every kind of message', () => {
    const messages = [
      {
        type: 'denylist.add',
        entry: { id: 'd1', type: 'IP_RANGE', value: '10.0.0.0/8', enabled: true },
      },
      { type: 'denylist.patch', id: 'd1', enabled: false },
      { type: 'denylist.delete', id: 'd1' },
      { type: 'subscription.patch', id: 's1', plan: 'Gold', status: 'UNBLOCKED' },
      { type: 'throttle.reset', applicationId: 'app-1' },
    ] as const;
    for (const message of messages)
      expect(decodeMessage(encodeMessage('node-a', message))).toEqual({
        ok: true,
        node: 'node-a',
        message,
      });
  });

  it('rejects what is not a valid envelope, saying where', () => {
    expect(decodeMessage('{nope')).toEqual({ ok: false, reason: 'not JSON' });
    const badEntry = decodeMessage(
      JSON.stringify({
        v: 1,
        node: 'n',
        message: {
          type: 'denylist.add',
          entry: { id: 'd', type: 'IP', value: 'x', enabled: true },
        },
      }),
    );
    expect(badEntry).toMatchObject({
      ok: false,
      reason: expect.stringContaining('message.entry.value'),
    });
    expect(
      decodeMessage(
        JSON.stringify({ v: 2, node: 'n', message: { type: 'denylist.delete', id: 'd' } }),
      ),
    ).toMatchObject({ ok: false });
    expect(
      decodeMessage(JSON.stringify({ v: 1, node: 'n', message: { type: 'shutdown' } })),
    ).toMatchObject({ ok: false });
  });
});
