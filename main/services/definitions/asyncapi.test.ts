import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAsyncApi } from './asyncapi.js';
import { parseStructured } from './source.js';
import type { DefinitionResult } from './types.js';

const streetlights = readFileSync(
  new URL(
    '../../../resources/sample-workspace/apis/Streetlights-1.0.0/Definitions/asyncapi.yaml',
    import.meta.url,
  ),
  'utf8',
);

function read(content: string): DefinitionResult {
  const doc = parseStructured(content);
  if (!doc.ok) throw new Error(doc.error.message);
  return readAsyncApi(doc);
}

describe('readAsyncApi', () => {
  it('maps the 2.6 sample channels to SUBSCRIBE and PUBLISH; an MQTT server is no web endpoint', () => {
    const result = read(streetlights);
    expect(result).toEqual({
      ok: true,
      info: {
        format: 'asyncapi',
        title: 'Streetlights',
        version: '1.0.0',
        endpoint: null,
        operations: [
          {
            method: 'SUBSCRIBE',
            target: '/streetlights/{streetlightId}/lighting/measured',
            summary: 'Light measurements of a streetlight',
          },
          {
            method: 'PUBLISH',
            target: '/streetlights/{streetlightId}/turn/on',
            summary: 'Turn a streetlight on',
          },
          {
            method: 'PUBLISH',
            target: '/streetlights/{streetlightId}/turn/off',
            summary: 'Turn a streetlight off',
          },
          {
            method: 'PUBLISH',
            target: '/streetlights/{streetlightId}/dim',
            summary: 'Dim a streetlight',
          },
        ],
      },
    });
  });

  it('takes a 2.x websocket server (url without scheme plus protocol) as the endpoint', () => {
    const result = read(`asyncapi: 2.0.0
info: { title: Chat, version: '1' }
servers:
  main: { url: 'chat.example.com/ws', protocol: wss }
channels:
  /rooms: { subscribe: {}, publish: {} }
`);
    expect(result.ok && result.info).toMatchObject({
      endpoint: 'wss://chat.example.com/ws',
      operations: [
        { method: 'SUBSCRIBE', target: '/rooms' },
        { method: 'PUBLISH', target: '/rooms' },
      ],
    });
  });

  it('maps 3.x send to SUBSCRIBE and receive to PUBLISH on the channel address', () => {
    const result = read(`asyncapi: 3.0.0
info: { title: Users, version: 2.0.0 }
servers:
  prod: { host: events.example.com, protocol: https, pathname: /v2 }
channels:
  userSignedUp: { address: 'users/{id}/signedup' }
  'user/commands': {}
operations:
  announce: { action: send, channel: { $ref: '#/channels/userSignedUp' }, summary: Announce sign-ups }
  command: { action: receive, channel: { $ref: '#/channels/user~1commands' } }
`);
    expect(result.ok && result.info).toMatchObject({
      version: '2.0.0',
      endpoint: 'https://events.example.com/v2',
      operations: [
        { method: 'SUBSCRIBE', target: '/users/{id}/signedup', summary: 'Announce sign-ups' },
        { method: 'PUBLISH', target: '/user/commands' },
      ],
    });
  });

  it('reports a 3.x operation whose channel reference names nothing, at that line', () => {
    const result = read(`asyncapi: 3.0.0
info: { title: X, version: '1' }
channels: {}
operations:
  lost:
    action: send
    channel: { $ref: '#/channels/nowhere' }
`);
    expect(result).toMatchObject({
      ok: false,
      error: { line: 7, message: expect.stringContaining('operations.lost.channel') },
    });
  });

  it('refuses an action other than send or receive', () => {
    const result = read(
      'asyncapi: 3.0.0\ninfo: { title: X, version: "1" }\noperations:\n  x: { action: publish }\n',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'operations.x.action: expected "send" or "receive"' },
    });
  });
});
