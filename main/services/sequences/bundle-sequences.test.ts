import { describe, expect, it } from 'vitest';
import { withEndpoints, endpointValue, type ApiYamlData } from '../workspace/api-yaml.js';
import { endpointFor, sequencesContent, withSequences } from './bundle-sequences.js';

const data: ApiYamlData = {
  name: 'PetStore',
  context: '/petstore',
  version: '1.0.0',
  type: 'HTTP',
  isDefaultVersion: false,
  operations: [],
  endpointConfig: { endpoint_type: 'http', production_endpoints: { url: 'http://127.0.0.1:9000' } },
};
const known = [{ name: 'pet-profile' }];

describe('sequence endpoints', () => {
  it('writes `sequence:<name>` as production_sequence, and a URL back in place of it', () => {
    const seq = withEndpoints(data, { production: 'sequence:pet-profile' });
    expect(seq.endpointConfig).toEqual({
      endpoint_type: 'http',
      production_sequence: 'pet-profile',
    });
    expect(endpointValue(seq.endpointConfig, 'production')).toBe('sequence:pet-profile');
    expect(endpointFor(seq.endpointConfig, 'production', known)).toEqual({
      type: 'sequence',
      sequence: 'pet-profile',
    });
    const back = withEndpoints(seq, { production: 'http://127.0.0.1:9001' });
    expect(back.endpointConfig).toEqual({
      endpoint_type: 'http',
      production_endpoints: { url: 'http://127.0.0.1:9001' },
    });
    expect(endpointFor(back.endpointConfig, 'production', known)).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:9001',
    });
  });

  it('leaves out an endpoint whose sequence is missing or invalid, and an unusable URL', () => {
    const seq = withEndpoints(data, { sandbox: 'sequence:ghost' });
    expect(endpointFor(seq.endpointConfig, 'sandbox', known)).toBeUndefined();
    const ws = withEndpoints(data, { production: 'ws://127.0.0.1:9000' });
    expect(endpointFor(ws.endpointConfig, 'production', known)).toBeUndefined();
    expect(endpointFor(null, 'production', known)).toBeUndefined();
  });

  it('adds sequences to the bundle only when there are some', () => {
    expect(sequencesContent(undefined)).toEqual({});
    expect(sequencesContent([])).toEqual({});
    expect(sequencesContent([{ name: 'a', steps: [] }])).toEqual({
      sequences: [{ name: 'a', steps: [] }],
    });
  });

  it('adds the sequences to an access snapshot and redeploys when they are re-read', async () => {
    const reloaded = new Set<() => void>();
    const accessChanged = new Set<() => void>();
    const access = withSequences(
      {
        snapshot: async () => ({ applications: [] }),
        onChanged: (l) => (accessChanged.add(l), () => accessChanged.delete(l)),
      },
      {
        bundleSequences: () => [{ name: 'a', steps: [] }],
        onReloaded: (l) => (reloaded.add(l), () => reloaded.delete(l)),
      },
    );
    expect(await access.snapshot()).toEqual({
      applications: [],
      sequences: [{ name: 'a', steps: [] }],
    });
    let calls = 0;
    const off = access.onChanged(() => (calls += 1));
    for (const l of [...reloaded, ...accessChanged]) l();
    expect(calls).toBe(2);
    off();
    expect(reloaded.size + accessChanged.size).toBe(0);
  });
});
