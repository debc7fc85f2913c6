import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportDefinition } from './export.js';

const yamlSpec = '# kept\nopenapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths: {}\n';

describe('exportDefinition', () => {
  it('returns text already in the asked form as written, and converts YAML to JSON', () => {
    const same = exportDefinition(
      { format: 'openapi', language: 'yaml', content: yamlSpec },
      'T-1',
    );
    expect(same).toEqual({
      ok: true,
      file: { fileName: 'T-1.yaml', mimeType: 'application/yaml', content: yamlSpec },
    });
    const json = exportDefinition(
      { format: 'openapi', language: 'yaml', content: yamlSpec },
      'T-1',
      'json',
    );
    expect(json.ok && json.file.fileName).toBe('T-1.json');
    expect(json.ok && JSON.parse(json.file.content)).toEqual(parse(yamlSpec));
  });

  it('exports a multi-file definition bundled, and GraphQL and WSDL as they are', () => {
    const bundled = exportDefinition(
      {
        format: 'asyncapi',
        language: 'yaml',
        content: 'asyncapi: 3.0.0\nchannels: { $ref: x.yaml }\n',
        bundled: '{"asyncapi":"3.0.0","channels":{}}',
      },
      'A-1',
    );
    expect(bundled.ok && parse(bundled.file.content)).toEqual({ asyncapi: '3.0.0', channels: {} });
    const sdl = exportDefinition(
      { format: 'graphql', language: 'graphql', content: 'type Query { a: Int }' },
      'G-1',
      'json',
    );
    expect(sdl).toMatchObject({
      ok: true,
      file: { fileName: 'G-1.graphql', content: 'type Query { a: Int }' },
    });
    expect(
      exportDefinition({ format: 'wsdl', language: 'xml', content: '<definitions/>' }, 'S-1'),
    ).toMatchObject({
      ok: true,
      file: { fileName: 'S-1.wsdl', mimeType: 'application/wsdl+xml' },
    });
  });

  it('says why a definition that does not parse cannot be converted', () => {
    const result = exportDefinition(
      { format: 'openapi', language: 'yaml', content: 'a: [unclosed\n' },
      'X',
      'json',
    );
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('cannot be converted to JSON'),
    });
  });
});
