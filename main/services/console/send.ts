/**
 * One HTTP exchange with honest timings. Each send uses a fresh undici `Client`
 * (no pooled socket), so `connectMs` is the real TCP (+TLS) handshake of this request;
 * `ttfbMs` is from the start to the response headers, `totalMs` to the body's end.
 * A host name (not an IP literal) is resolved first, and that lookup is `dnsMs`.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildConnector, Client } from 'undici';
import type { NameValue, SseEvent } from '../../ipc/contract-console.js';
import { SseParser } from './sse.js';

/** The body kept for display; the rest is counted and dropped. */
export const BODY_CAP_BYTES = 512 * 1024;
/** Parsed SSE events kept per response (a long stream keeps streaming to the UI). */
export const EVENT_CAP = 5_000;

export interface HttpExchange {
  method: string;
  url: string;
  headers: readonly NameValue[];
  body: string | null;
  /** PEM client certificate and key, for an https URL. */
  clientCert?: { cert: string; key: string };
  timeoutMs?: number;
}

export interface HttpResult {
  status: number;
  headers: NameValue[];
  contentType: string | null;
  body: string;
  bodyBytes: number;
  truncated: boolean;
  events: SseEvent[] | null;
  timings: { dnsMs: number | null; connectMs: number | null; ttfbMs: number; totalMs: number };
}

function headerList(raw: Record<string, string | string[] | undefined>): NameValue[] {
  const out: NameValue[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push({ name, value: v });
  }
  return out;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export async function sendHttp(
  exchange: HttpExchange,
  onEvent?: (event: SseEvent) => void,
): Promise<HttpResult> {
  const url = new URL(exchange.url);
  const start = performance.now();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let dnsMs: number | null = null;
  if (isIP(host) === 0) {
    await lookup(host);
    dnsMs = round(performance.now() - start);
  }
  let connectMs: number | null = null;
  const base = buildConnector({
    ...(exchange.clientCert && {
      cert: exchange.clientCert.cert,
      key: exchange.clientCert.key,
      // The local gateway's certificate is the user's own, usually self-signed.
      rejectUnauthorized: false,
    }),
  });
  const client = new Client(url.origin, {
    pipelining: 0,
    headersTimeout: exchange.timeoutMs ?? 60_000,
    bodyTimeout: exchange.timeoutMs ?? 60_000,
    connect: (options, callback) => {
      const begun = performance.now();
      base(options, (error, socket) => {
        if (!error) connectMs = round(performance.now() - begun);
        // undici's callback type is a union of two call shapes; forward as received.
        if (error) callback(error, null);
        else callback(null, socket);
      });
    },
  });
  try {
    const headers: string[] = [];
    for (const h of exchange.headers) headers.push(h.name, h.value);
    const response = await client.request({
      method: exchange.method,
      path: `${url.pathname}${url.search}`,
      headers,
      body: exchange.body ?? undefined,
    });
    const ttfbMs = round(performance.now() - start);
    const list = headerList(response.headers);
    const contentType = list.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? null;
    const isSse = contentType !== null && /^text\/event-stream/i.test(contentType);
    const events: SseEvent[] | null = isSse ? [] : null;
    const parser = isSse
      ? new SseParser((event) => {
          if (events && events.length < EVENT_CAP) events.push(event);
          onEvent?.(event);
        })
      : null;
    const decoder = new TextDecoder();
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let bodyBytes = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      bodyBytes += chunk.length;
      parser?.push(decoder.decode(chunk, { stream: true }));
      if (keptBytes < BODY_CAP_BYTES) {
        const part = chunk.subarray(0, BODY_CAP_BYTES - keptBytes);
        keptBytes += part.length;
        kept.push(part);
      }
    }
    parser?.end();
    return {
      status: response.statusCode,
      headers: list,
      contentType,
      body: Buffer.concat(kept).toString('utf8'),
      bodyBytes,
      truncated: bodyBytes > keptBytes,
      events,
      timings: { dnsMs, connectMs, ttfbMs, totalMs: round(performance.now() - start) },
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}
