/**
 * A mock LLM vendor on 127.0.0.1 for the AI egress tests: replays recorded provider
 * streams (shared/fixtures/llm, framed as their README says) with seeded random
 * chunk boundaries, records every request it gets, and lets a test script other
 * behaviours (429, stalls, cut streams) per request. Plus a raw client that returns
 * response bytes exactly as they arrived.
 */
import { readFileSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the vendor saw it. */
export interface VendorRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (null when it is not). */
  json: Record<string, unknown> | null;
}

export type VendorHandler = (
  req: VendorRequest,
  res: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>;

export interface MockVendor {
  url: string;
  requests: VendorRequest[];
  close(): Promise<void>;
}

export async function startMockVendor(handler: VendorHandler): Promise<MockVendor> {
  const requests: VendorRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = null;
      }
      const recorded: VendorRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        json,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, req)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON lines of a `*.chunks.txt` fixture (empty lines skipped). */
export function fixtureLines(file: URL): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/**
 * SSE bytes of a fixture, framed as the fixtures README says: `data: <line>` then
 * `data: [DONE]` (OpenAI, Azure chat, Mistral), or `event: <type>` + `data: <line>`
 * with no `[DONE]` (Anthropic, Azure Responses).
 */
export function frameSse(lines: readonly string[], framing: 'data' | 'typed'): Buffer {
  if (framing === 'data')
    return Buffer.from(`${lines.map((l) => `data: ${l}\n\n`).join('')}data: [DONE]\n\n`, 'utf8');
  return Buffer.from(
    lines.map((l) => `event: ${(JSON.parse(l) as { type: string }).type}\ndata: ${l}\n\n`).join(''),
    'utf8',
  );
}

/** A small seeded PRNG (mulberry32), so a failing seed replays the same cuts. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `bytes` at random places: pieces of 1 to `max` bytes, often mid-line, mid-CRLF or mid-character. */
export function randomPieces(bytes: Buffer, seed: number, max = 97): Buffer[] {
  const random = seeded(seed);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * random() * max);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

/** Writes each piece as its own write, yielding to the event loop between them so they leave as separate chunks. */
export async function writePieces(res: ServerResponse, pieces: readonly Buffer[]): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A response as the client got it: status, headers and the exact bytes. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json<T = Record<string, unknown>>(): T;
}

/** One request; the body comes back as raw bytes. */
export function call(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'POST',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
