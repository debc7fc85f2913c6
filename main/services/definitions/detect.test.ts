import { describe, expect, it } from 'vitest';
import { detectDefinition, readDefinition } from './detect.js';

describe('detectDefinition', () => {
  it('detects OpenAPI in YAML and in JSON, and says which language the text is', () => {
    const yaml = detectDefinition('openapi: 3.0.0\ninfo: { title: A, version: "1" }\npaths: {}\n');
    expect(yaml).toMatchObject({
      ok: true,
      language: 'yaml',
      info: { format: 'openapi', title: 'A' },
    });
    const json = detectDefinition(
      '{"swagger":"2.0","info":{"title":"B","version":"1"},"paths":{}}',
    );
    expect(json).toMatchObject({
      ok: true,
      language: 'json',
      info: { format: 'openapi', title: 'B' },
    });
  });

  it('detects AsyncAPI, GraphQL SDL and WSDL', () => {
    expect(
      detectDefinition('asyncapi: 2.6.0\ninfo: { title: E, version: "1" }\nchannels: {}\n'),
    ).toMatchObject({
      ok: true,
      info: { format: 'asyncapi' },
    });
    expect(detectDefinition('type Query {\n  a: Int\n  b: String\n}\n')).toMatchObject({
      ok: true,
      language: 'graphql',
      info: { format: 'graphql', operations: [{ target: 'a' }, { target: 'b' }] },
    });
    expect(
      detectDefinition('<definitions name="S"><portType name="P"/></definitions>'),
    ).toMatchObject({
      ok: true,
      language: 'xml',
      info: { format: 'wsdl', title: 'S' },
    });
  });

  it('trusts a .graphql file name even for text that would also read as YAML', () => {
    expect(detectDefinition('scalar Date', 'types.graphql')).toMatchObject({
      ok: true,
      info: { format: 'graphql' },
    });
  });

  it('reports broken YAML with its line and column and what was expected', () => {
    const result = detectDefinition('openapi: 3.0.0\ninfo:\n  title: A\n   version: 1\n');
    expect(result).toMatchObject({ ok: false, error: { line: 3, column: 10 } });
    if (!result.ok)
      expect(result.error.message).toContain('expected an OpenAPI 2.0/3.x or AsyncAPI');
  });

  it('reports broken SDL as a GraphQL error', () => {
    expect(detectDefinition('type Query {\n  a: \n}')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Syntax Error'), line: 3 },
    });
  });

  it('refuses YAML that is no known definition, naming the fields it looked for', () => {
    expect(detectDefinition('name: just a config\n')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('openapi, swagger or asyncapi'), line: 1 },
    });
    expect(detectDefinition('  \n')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('empty') },
    });
  });
});

describe('readDefinition', () => {
  it('reads with the format it is told, refusing text of another format', () => {
    expect(readDefinition('openapi', 'asyncapi: 2.6.0\n')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('openapi') },
    });
    expect(readDefinition('asyncapi', 'asyncapi: 2.6.0\nchannels: {}\n')).toMatchObject({
      ok: true,
    });
  });
});
