/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) of captured traffic, for
 * browser devtools, Insomnia, Postman or a bug report. Credentials are already
 * redacted by the gateway; the pipeline's decisions ride along as `_portico`
 * (custom fields start with an underscore, as the spec allows).
 */
import type { CapturedBody, TrafficEntry } from '../../ipc/contract.js';

/** A HAR name/value pair. */
export interface HarPair {
  name: string;
  value: string;
}

/** One HAR entry (the fields this exporter writes). */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarPair[];
    headers: HarPair[];
    queryString: HarPair[];
    postData?: { mimeType: string; text: string; encoding?: string; comment?: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarPair[];
    headers: HarPair[];
    content: { size: number; mimeType: string; text?: string; encoding?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: {
    blocked: number;
    dns: number;
    connect: number;
    send: number;
    wait: number;
    receive: number;
    ssl: number;
  };
  _portico: {
    seq: number;
    requestId: string;
    decisions: TrafficEntry['decisions'];
    ai?: TrafficEntry['ai'];
  };
}

/** A HAR document. */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: [];
    entries: HarEntry[];
  };
}

const statusTexts: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function pairs(headers: Record<string, string>): HarPair[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryPairs(query: string): HarPair[] {
  if (!query) return [];
  return [...new URLSearchParams(query.slice(1))].map(([name, value]) => ({ name, value }));
}

function truncationNote(body: CapturedBody): string | undefined {
  return body.truncated
    ? `truncated: ${body.size} bytes, first ${Buffer.byteLength(body.text, body.encoding === 'base64' ? 'base64' : 'utf8')} kept`
    : undefined;
}

const ms = (n: number | null | undefined): number =>
  Math.max(0, Math.round((n ?? 0) * 1000) / 1000);

export function toHarEntry(entry: TrafficEntry): HarEntry {
  const { request, response, timings } = entry;
  const requestType = request.headers['content-type'] ?? 'application/octet-stream';
  const responseType = response.headers['content-type'] ?? 'application/octet-stream';
  // Without a backend call the whole time is the gateway's answer: all of it is "wait".
  const send = timings.backendMs === null ? 0 : timings.gatewayMs;
  const wait = timings.backendMs ?? timings.totalMs;
  const requestNote = request.body ? truncationNote(request.body) : undefined;
  const responseNote = response.body ? truncationNote(response.body) : undefined;
  return {
    startedDateTime: entry.timestamp,
    time: ms(send + wait),
    request: {
      method: request.method,
      url: request.url,
      httpVersion: request.httpVersion,
      cookies: [],
      headers: pairs(request.headers),
      queryString: queryPairs(request.query),
      ...(request.body && {
        postData: {
          mimeType: requestType,
          text: request.body.text,
          ...(request.body.encoding === 'base64' && { encoding: 'base64' }),
          ...(requestNote && { comment: requestNote }),
        },
      }),
      headersSize: -1,
      bodySize: request.body?.size ?? 0,
    },
    response: {
      status: response.status,
      statusText: statusTexts[response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(response.headers),
      content: {
        size: response.body?.size ?? 0,
        mimeType: responseType,
        ...(response.body && { text: response.body.text }),
        ...(response.body?.encoding === 'base64' && { encoding: 'base64' }),
        ...(responseNote && { comment: responseNote }),
      },
      redirectURL: response.headers.location ?? '',
      headersSize: -1,
      bodySize: response.body?.size ?? 0,
    },
    cache: {},
    // The gateway measures the backend call and the whole exchange; the rest is its own
    // work, reported as "send" so that the phases add up to `time` as the spec asks.
    timings: {
      blocked: -1,
      dns: -1,
      connect: -1,
      ssl: -1,
      send: ms(send),
      wait: ms(wait),
      receive: 0,
    },
    _portico: {
      seq: entry.seq,
      requestId: entry.requestId,
      decisions: entry.decisions,
      ...(entry.ai && { ai: entry.ai }),
    },
  };
}

export function buildHar(entries: readonly TrafficEntry[], creatorVersion: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Portico', version: creatorVersion },
      pages: [],
      entries: entries.map(toHarEntry),
    },
  };
}
