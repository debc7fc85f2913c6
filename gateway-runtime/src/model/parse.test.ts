import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testApi, testBundle } from '../../test-support/bundles.js';
import { loadBundleFile } from '../cli/load-bundle.js';
import type { GatewayBundleInput } from './bundle.js';
import { formatPath, parseBundle } from './parse.js';

const valid = (): GatewayBundleInput => testBundle([testApi('http://127.0.0.1:9000')]);

function issuesOf(input: unknown) {
  const result = parseBundle(input);
  if (result.ok) throw new Error('expected the bundle to be invalid');
  return result.issues;
}

describe('parseBundle', () => {
  it('accepts a valid bundle and fills defaults', () => {
    const result = parseBundle({
      apiVersion: 'portico/v1',
      kind: 'GatewayBundle',
      revision: 'r',
      apis: [{ id: 'a', name: 'A', version: '1', context: '/a', endpoints: {} }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle.apis[0]).toMatchObject({
      isDefaultVersion: false,
      type: 'REST',
      operations: [],
      subscriptionRequired: true,
      plans: [],
    });
    expect(result.bundle.policies).toEqual({ subscription: [], application: [], api: [] });
  });

  it('parses the README sample bundle', async () => {
    const file = fileURLToPath(new URL('../../examples/petstore.bundle.yaml', import.meta.url));
    const result = await loadBundleFile(file);
    expect(result).toMatchObject({
      ok: true,
      bundle: { revision: 'petstore-r1', apis: [{ id: 'petstore' }] },
    });
  });

  it('rejects unknown fields at any depth, naming the field and the allowed ones', () => {
    const bundle = valid();
    const issues = issuesOf({
      ...bundle,
      apis: [
        {
          ...bundle.apis?.[0],
          endpoints: { production: { type: 'http', url: 'http://x', retries: 3 } },
        },
      ],
    });
    expect(issues).toEqual([
      {
        path: 'apis[0].endpoints.production.retries',
        message: 'unknown field; allowed fields here: type, url, timeoutMs',
      },
    ]);
  });

  it('names the path and what would be valid for bad values', () => {
    const bundle = valid();
    const api = bundle.apis?.[0];
    const issues = issuesOf({
      ...bundle,
      kind: 'Bundle',
      apis: [{ ...api, operations: [{ method: 'FETCH', target: '/x' }], maxRequestBodyBytes: -1 }],
      denylist: [{ id: 'd', type: 'IP', value: 'not-an-ip' }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'kind', message: 'must be "GatewayBundle"' },
        {
          path: 'apis[0].operations[0].method',
          message: expect.stringContaining('must be one of "GET", "POST"'),
        },
        { path: 'apis[0].maxRequestBodyBytes', message: 'must be greater than 0' },
        { path: 'denylist[0].value', message: 'must be an IPv4 or IPv6 address for type IP' },
      ]),
    );
  });

  it('checks cross-references with paths', () => {
    const bundle = valid();
    const api = bundle.apis?.[0];
    const issues = issuesOf({
      ...bundle,
      apis: [
        {
          ...api,
          operations: [{ method: 'GET', target: '/x', throttlingPolicy: 'nope' }],
          endpoints: { production: { type: 'sequence', sequence: 'ghost' } },
        },
        { ...api, id: 'svc-copy' },
      ],
      subscriptions: [{ id: 's', applicationId: 'app-9', apiId: 'api-9', plan: 'Platinum' }],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'apis[0].operations[0].throttlingPolicy',
        'apis[0].endpoints.production.sequence',
        'apis[1].version',
        'apis[1].isDefaultVersion',
        'subscriptions[0].applicationId',
        'subscriptions[0].apiId',
        'subscriptions[0].plan',
      ]),
    );
    expect(issues.find((i) => i.path === 'subscriptions[0].plan')?.message).toBe(
      'names an unknown subscription plan; must be one of "Unlimited", "Gold", "Bronze"',
    );
  });

  it('rejects a plan the API does not offer, a key manager nobody defined, and private JWK members', () => {
    const bundle = valid();
    const issues = issuesOf({
      ...bundle,
      subscriptions: [{ id: 's', applicationId: 'app-1', apiId: 'svc', plan: 'Unlimited' }],
      applications: [
        {
          id: 'x',
          name: 'X',
          keys: [{ keyType: 'PRODUCTION', consumerKey: 'c', keyManager: 'ghost' }],
        },
        ...(bundle.applications ?? []).slice(1),
      ],
      keyManagers: [
        {
          name: 'local',
          type: 'resident',
          issuer: 'me',
          jwks: { keys: [{ kty: 'EC', d: 'secret' }] },
        },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'subscriptions[0].plan',
          message: 'is not offered by API "svc"; must be one of "Gold", "Bronze"',
        },
        {
          path: 'applications[0].keys[0].keyManager',
          message: expect.stringContaining('names an unknown key manager'),
        },
        {
          path: 'keyManagers[0].jwks.keys[0]',
          message: expect.stringContaining('must be a public key'),
        },
      ]),
    );
  });

  it('validates sequence steps recursively as a union on type', () => {
    const issues = issuesOf({
      ...valid(),
      sequences: [
        {
          name: 'seq',
          steps: [
            {
              type: 'switch',
              cases: [
                {
                  condition: 'true',
                  steps: [
                    { type: 'forEach', items: 'x', variable: 'i', steps: [{ type: 'teleport' }] },
                  ],
                },
              ],
            },
            { type: 'call', endpoint: { type: 'http', url: 'ftp://x' }, variable: 'v' },
          ],
        },
      ],
    });
    expect(issues).toEqual([
      {
        path: 'sequences[0].steps[0].cases[0].steps[0].steps[0].type',
        message: expect.stringContaining('must have a "type" of log, setHeader'),
      },
      {
        path: 'sequences[0].steps[1].endpoint.url',
        message: 'must be an absolute http:// or https:// URL',
      },
    ]);
  });

  it('refuses a sequence whose JSONata does not parse, naming the field', () => {
    const issues = issuesOf({
      ...valid(),
      sequences: [
        {
          name: 'seq',
          steps: [
            { type: 'transform', expression: '$merge([variables.a, ' },
            { type: 'setVariable', name: 'v', value: 'ok {{ request.path }}' },
          ],
        },
      ],
    });
    expect(issues).toEqual([
      { path: 'sequences[0].steps[0].expression', message: expect.any(String) },
    ]);
  });

  it('reports non-objects at the root instead of throwing', () => {
    expect(issuesOf(null)).toEqual([{ path: '(root)', message: 'must be an object, got null' }]);
    expect(issuesOf([])).toEqual([{ path: '(root)', message: 'must be an object, got an array' }]);
  });

  it('formats paths with indexes and quotes odd keys', () => {
    expect(formatPath(['apis', 0, 'security', 'oauth2'])).toBe('apis[0].security.oauth2');
    expect(formatPath(['headers', 'x y'])).toBe('headers["x y"]');
    expect(formatPath([])).toBe('(root)');
  });
});
