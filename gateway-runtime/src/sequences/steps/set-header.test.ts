import { describe, expect, it } from 'vitest';
import { faultFrom, messageFrom, runSteps } from '../../../test-support/sequences.js';

describe('setHeader and removeHeader steps', () => {
  it('sets a rendered header (lower-cased name) and removes another', async () => {
    const message = messageFrom(
      await runSteps(
        [
          { type: 'setHeader', name: 'X-Pet', value: 'pet-{{ request.pathParams.id }}' },
          { type: 'removeHeader', name: 'X-Secret' },
          { type: 'removeHeader', name: 'x-absent' },
        ],
        { request: { pathParams: { id: '3' }, headers: { 'x-secret': 's', accept: '*/*' } } },
      ),
    );
    expect(message.headers).toEqual({ 'x-pet': 'pet-3', accept: '*/*' });
  });

  it('refuses header values with line breaks and invalid names', async () => {
    const injected = faultFrom(
      await runSteps([{ type: 'setHeader', name: 'x-a', value: '{{ "a\\r\\nb" }}' }]),
    );
    expect(injected.body).toMatchObject({ code: 'SEQUENCE_ERROR' });
    expect(injected.body.description).toContain('line breaks');
    const badName = faultFrom(await runSteps([{ type: 'setHeader', name: 'x a', value: '1' }]));
    expect(badName.body.description).toContain('not a valid header name');
  });
});
