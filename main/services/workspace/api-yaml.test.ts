import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  mergeOperations,
  newApiYaml,
  parseApiYaml,
  serializeApiYaml,
  withEndpoints,
} from './api-yaml.js';

const sampleApis = fileURLToPath(
  new URL('../../../resources/sample-workspace/apis/', import.meta.url),
);

function parse(text: string) {
  const result = parseApiYaml(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('api.yaml', () => {
  it('rewrites every sample api.yaml byte for byte', () => {
    const folders = readdirSync(sampleApis);
    expect(folders.length).toBeGreaterThanOrEqual(3);
    for (const folder of folders) {
      const text = readFileSync(join(sampleApis, folder, 'api.yaml'), 'utf8');
      expect(serializeApiYaml(parse(text)), folder).toBe(text);
    }
  });

  it('writes keys in one order whatever order they were read in, keeping unknown fields', () => {
    const a = parse(`version: v4.4.0
data:
  operations:
    - throttlingPolicy: Unlimited
      verb: GET
      target: /a
  zeta: 1
  type: HTTP
  context: /a
  version: 1.0.0
  name: A
  alpha: { keep: me }
type: api
`);
    const b = parse(`type: api
version: v4.4.0
data:
  name: A
  alpha: { keep: me }
  version: 1.0.0
  context: /a
  zeta: 1
  type: HTTP
  operations:
    - target: /a
      verb: GET
      throttlingPolicy: Unlimited
`);
    const text = serializeApiYaml(a);
    expect(serializeApiYaml(b)).toBe(text);
    expect(text).toBe(`type: api
version: v4.4.0
data:
  name: A
  context: /a
  version: 1.0.0
  type: HTTP
  isDefaultVersion: false
  operations:
    - target: /a
      verb: GET
      throttlingPolicy: Unlimited
  alpha:
    keep: me
  zeta: 1
`);
  });

  it('reads apictl quirks: unquoted numeric versions, endpoint lists', () => {
    const doc = parse(`type: api
version: v4.2.0
data:
  name: Legacy
  context: /legacy
  version: 2.5
  type: SOAP
  endpointConfig:
    endpoint_type: load_balance
    production_endpoints:
      - url: https://a.example.com
      - url: https://b.example.com
`);
    expect(doc.data.version).toBe('2.5');
    expect(doc.data.endpointConfig?.production_endpoints).toHaveLength(2);
  });

  it('names the field and what is valid when the file does not match', () => {
    expect(
      parseApiYaml('type: api\nversion: v4\ndata:\n  name: A\n  context: a\n  version: "1"\n'),
    ).toEqual({
      ok: false,
      message: 'data.context: must start with "/" (e.g. /petstore)',
    });
    const wrongType = parseApiYaml(
      'type: api\ndata: { name: A, context: /a, version: "1", type: REST }\n',
    );
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok)
      expect(wrongType.message).toMatch(/^data\.type: must be one of "HTTP", "GRAPHQL"/);
    expect(parseApiYaml('type: application\ndata: {}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('type: must be "api"'),
    });
    expect(parseApiYaml('type: api\n  data: [')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^line \d+, column \d+: /),
    });
  });

  it('keeps what existing operations say when re-deriving them from a definition', () => {
    const merged = mergeOperations(
      [
        { target: '/a', verb: 'GET', authType: 'None', throttlingPolicy: '10PerMin' },
        { target: '/gone', verb: 'GET' },
      ],
      [
        { method: 'GET', target: '/a', summary: 'kept' },
        { method: 'POST', target: '/a' },
      ],
    );
    expect(merged).toEqual([
      { target: '/a', verb: 'GET', authType: 'None', throttlingPolicy: '10PerMin' },
      {
        target: '/a',
        verb: 'POST',
        authType: 'Application & Application User',
        throttlingPolicy: 'Unlimited',
      },
    ]);
  });

  it('sets and clears endpoints', () => {
    const doc = newApiYaml({
      name: 'A',
      version: '1',
      context: '/a',
      type: 'HTTP',
      productionUrl: 'https://p',
      operations: [],
    });
    expect(doc.data.endpointConfig).toEqual({
      endpoint_type: 'http',
      production_endpoints: { url: 'https://p' },
    });
    const changed = withEndpoints(doc.data, { production: null, sandbox: 'https://s' });
    expect(changed.endpointConfig).toEqual({
      endpoint_type: 'http',
      sandbox_endpoints: { url: 'https://s' },
    });
  });
});
