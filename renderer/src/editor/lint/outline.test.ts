import { describe, expect, it } from 'vitest';
import { parseSdl } from './graphql-lint.js';
import { lintGraphql } from './graphql-lint.js';
import { asyncApiOutline, graphqlOutline, openApiOutline, wsdlOutline } from './outline.js';
import { parseDefinition } from './spectral-lint.js';

describe('outline', () => {
  it('lists OpenAPI tags, paths with operations and schemas, with their lines', () => {
    const text = [
      'openapi: 3.0.3', // 1
      'info: {title: T, version: "1"}', // 2
      'tags: [{name: pets}]', // 3
      'paths:', // 4
      '  /pets:', // 5
      '    get:', // 6
      '      tags: [pets]', // 7
      '      responses: {}', // 8
      '    post:', // 9
      '      responses: {}', // 10
      'components:', // 11
      '  schemas:', // 12
      '    Pet: {type: object}', // 13
    ].join('\n');
    const outline = openApiOutline(parseDefinition(text, 'yaml'));
    expect(outline.map((n) => n.label)).toEqual(['Tags', 'Paths', 'Schemas']);
    expect(outline[0]?.children?.[0]).toMatchObject({
      label: 'pets',
      children: [{ label: 'GET /pets', line: 6 }],
    });
    expect(outline[1]?.children?.[0]).toMatchObject({
      label: '/pets',
      line: 5,
      children: [
        { label: 'GET /pets', line: 6 },
        { label: 'POST /pets', line: 9 },
      ],
    });
    expect(outline[2]?.children).toEqual([{ label: 'Pet', kind: 'schema', line: 13 }]);
  });

  it('lists AsyncAPI channels with their operations', () => {
    const text = JSON.stringify(
      {
        asyncapi: '2.6.0',
        channels: { 'light/measured': { subscribe: { message: {} } } },
        components: { schemas: { Lux: { type: 'integer' } } },
      },
      null,
      2,
    );
    const outline = asyncApiOutline(parseDefinition(text, 'json'));
    expect(outline[0]?.children?.[0]).toMatchObject({
      label: 'light/measured',
      line: 4,
      children: [{ label: 'subscribe', line: 5 }],
    });
    expect(outline[1]?.children?.[0]).toMatchObject({ label: 'Lux' });
  });

  it('lists GraphQL types with fields', () => {
    const parsed = parseSdl('type Query {\n  hero: Character\n}\n\nenum Character {\n  LUKE\n}\n');
    if (!('document' in parsed)) throw new Error('should parse');
    expect(graphqlOutline(parsed.document)).toEqual([
      {
        label: 'Query',
        kind: 'type',
        line: 1,
        children: [{ label: 'hero', kind: 'field', line: 2 }],
      },
      {
        label: 'Character',
        kind: 'type',
        line: 5,
        children: [{ label: 'LUKE', kind: 'field', line: 6 }],
      },
    ]);
  });

  it('lists WSDL services and port type operations', () => {
    const wsdl = [
      '<definitions name="Calc">',
      '  <portType name="CalcPort">',
      '    <operation name="Add"/>',
      '  </portType>',
      '  <binding name="CalcBinding"><operation name="Add"/></binding>',
      '  <service name="CalcService">',
      '    <port name="CalcSoap" binding="CalcBinding"/>',
      '  </service>',
      '</definitions>',
    ].join('\n');
    expect(wsdlOutline(wsdl)).toEqual([
      {
        label: 'Services',
        kind: 'group',
        line: 6,
        children: [
          {
            label: 'CalcService',
            kind: 'service',
            line: 6,
            children: [{ label: 'CalcSoap', kind: 'port', line: 7 }],
          },
        ],
      },
      {
        label: 'Port types',
        kind: 'group',
        line: 2,
        children: [
          {
            label: 'CalcPort',
            kind: 'port-type',
            line: 2,
            children: [{ label: 'Add', kind: 'operation', line: 3 }],
          },
        ],
      },
    ]);
  });
});

describe('lintGraphql', () => {
  it('reports syntax errors and SDL validation errors with locations', () => {
    expect(lintGraphql('type Query {\n  hero: \n}\n')[0]).toMatchObject({
      code: 'graphql',
      severity: 'error',
      range: { start: { line: 2, character: 0 } },
    });
    const unknown = lintGraphql('type Query {\n  hero: Droid\n}\n');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('Unknown type "Droid"');
    expect(unknown[0]?.range.start).toEqual({ line: 1, character: 8 });
    expect(lintGraphql('type Query {\n  hero: String\n}\n')).toEqual([]);
  });
});
