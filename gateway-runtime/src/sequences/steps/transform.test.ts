import { describe, expect, it } from 'vitest';
import { faultFrom, messageFrom, runSteps } from '../../../test-support/sequences.js';

describe('transform step', () => {
  it('replaces the body with the JSONata result over request, variables and body', async () => {
    const message = messageFrom(
      await runSteps(
        [
          { type: 'setVariable', name: 'owner', value: 'ana' },
          {
            type: 'transform',
            expression:
              '{ "names": body.pets.name, "owner": variables.owner, "m": request.method }',
          },
        ],
        { request: { method: 'POST', body: { pets: [{ name: 'a' }, { name: 'b' }] } } },
      ),
    );
    expect(message.body).toEqual({ names: ['a', 'b'], owner: 'ana', m: 'POST' });
    expect(message.raw).toBeNull();
  });

  it('maps an XML body to JSON for expressions', async () => {
    const message = messageFrom(
      await runSteps([{ type: 'transform', expression: 'body.pet.name' }], {
        request: {
          headers: { 'content-type': 'application/xml' },
          body: '<pet id="7"><name>Rex</name></pet>',
        },
      }),
    );
    expect(message.body).toBe('Rex');
  });

  it('faults on an evaluation error and on a result over the body limit', async () => {
    const error = faultFrom(await runSteps([{ type: 'transform', expression: '$undefinedFn(1)' }]));
    expect(error.body.code).toBe('SEQUENCE_ERROR');
    const big = faultFrom(
      await runSteps([{ type: 'transform', expression: '$pad("", 2000, "x")' }], {
        limits: { maxBodyBytes: 1000 },
      }),
    );
    expect(big.body).toMatchObject({ code: 'SEQUENCE_LIMIT' });
    expect(big.status).toBe(500);
  });
});
