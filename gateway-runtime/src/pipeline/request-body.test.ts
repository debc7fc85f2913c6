import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { readRequestBody } from './request-body.js';

let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

/** A server that reads the body with `limit` and answers its length, or the error's code. */
async function serve(limit: number, seen: (error: unknown) => void = () => undefined) {
  server = createServer((req, res) => {
    readRequestBody(req, limit).then(
      (body) => res.end(`ok ${body.length}`),
      (error: unknown) => {
        seen(error);
        const code = error instanceof GatewayError ? error.code : 'other';
        if (!res.destroyed)
          res.writeHead(error instanceof GatewayError ? error.status : 500).end(code);
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Sends `chunks` as a chunked body; resolves with the status and body the client read. */
function send(port: number, chunks: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('readRequestBody', () => {
  it('reads a chunked body within the limit', async () => {
    const port = await serve(10);
    expect(await send(port, ['abc', 'def'])).toEqual({ status: 200, text: 'ok 6' });
  });

  it('answers a readable 413 once a chunked body passes the limit', async () => {
    const port = await serve(4);
    expect(await send(port, ['abc', 'def'])).toEqual({ status: 413, text: 'REQUEST_TOO_LARGE' });
  });

  it('rejects a declared length over the limit before reading', async () => {
    const port = await serve(4);
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'abcdef' });
    expect(res.status).toBe(413);
  });

  it('maps a client that leaves mid-body to CLIENT_CLOSED_REQUEST', async () => {
    let seen: unknown;
    const gone = new Promise<void>((resolve) => {
      void serve(100, (error) => {
        seen = error;
        resolve();
      }).then((port) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' });
        req.on('error', () => undefined);
        req.write('abc', () => setTimeout(() => req.destroy(), 20));
      });
    });
    await gone;
    expect(seen).toBeInstanceOf(GatewayError);
    expect((seen as GatewayError).code).toBe('CLIENT_CLOSED_REQUEST');
  });
});
