import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { faultFrom, runSteps } from '../../../test-support/sequences.js';

/** A 127.0.0.1 port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Calls answered by real backends (bodies, XML, timeouts) are in test/integration/sequences-*.test.ts.
describe('call step', () => {
  it('faults with BACKEND_UNREACHABLE by default when nothing listens', async () => {
    const port = await closedPort();
    const result = await runSteps([
      {
        type: 'call',
        endpoint: { type: 'http', url: `http://127.0.0.1:${port}/x` },
        variable: 'r',
      },
      { type: 'log', message: 'not reached' },
    ]);
    const fault = faultFrom(result);
    expect(fault).toMatchObject({ status: 502, body: { code: 'BACKEND_UNREACHABLE' } });
    expect(result.trace).toHaveLength(1);
    expect(result.trace[0]).toMatchObject({
      outcome: 'fault',
      call: { url: `http://127.0.0.1:${port}/x`, method: 'GET', status: 0 },
    });
  });

  it('stores the failure and goes on with onError: continue', async () => {
    const port = await closedPort();
    const result = await runSteps(
      [
        {
          type: 'call',
          endpoint: {
            type: 'http',
            url: `http://127.0.0.1:${port}/pets/{{ request.pathParams.id }}`,
          },
          variable: 'r',
          onError: 'continue',
        },
        { type: 'setVariable', name: 'after', value: '{{ variables.r.error.code }}' },
      ],
      { request: { pathParams: { id: '4' } } },
    );
    expect(result.outcome).toBe('completed');
    expect(result.variables.r).toMatchObject({
      status: 0,
      headers: {},
      body: null,
      error: { code: 'BACKEND_UNREACHABLE' },
    });
    expect(result.variables.after).toBe('BACKEND_UNREACHABLE');
    expect(result.trace[0]).toMatchObject({
      outcome: 'fault',
      call: { url: `http://127.0.0.1:${port}/pets/4` },
    });
  });
});
