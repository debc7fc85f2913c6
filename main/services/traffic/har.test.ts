import { describe, expect, it } from 'vitest';
import { buildHar } from './har.js';
import { sampleEntry } from './sample-entry.js';

/** The fields HAR 1.2 requires of every entry, request, response and timings object. */
function expectHar12(har: unknown): void {
  const log = (har as { log: Record<string, unknown> }).log;
  expect(log.version).toBe('1.2');
  expect(log.creator).toEqual({ name: expect.any(String), version: expect.any(String) });
  expect(Array.isArray(log.entries)).toBe(true);
  for (const entry of log.entries as Record<string, Record<string, unknown>>[]) {
    expect(Number.isNaN(Date.parse(String(entry.startedDateTime)))).toBe(false);
    expect(typeof entry.time).toBe('number');
    for (const key of ['method', 'url', 'httpVersion', 'headersSize', 'bodySize'])
      expect(entry.request).toHaveProperty(key);
    for (const key of ['cookies', 'headers', 'queryString'])
      expect(Array.isArray(entry.request?.[key])).toBe(true);
    for (const key of ['status', 'statusText', 'httpVersion', 'redirectURL', 'headersSize'])
      expect(entry.response).toHaveProperty(key);
    expect(entry.response?.content).toMatchObject({
      size: expect.any(Number),
      mimeType: expect.any(String),
    });
    expect(entry.cache).toEqual({});
    const t = entry.timings as Record<string, number>;
    for (const key of ['send', 'wait', 'receive']) expect(t[key]).toBeGreaterThanOrEqual(0);
    // The phases that are not -1 add up to the entry's time.
    const sum = Object.values(t)
      .filter((v) => v !== -1)
      .reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(Number(entry.time), 3);
  }
}

describe('buildHar', () => {
  it('writes a HAR 1.2 log with requests, responses, bodies and timings', () => {
    const har = buildHar([sampleEntry(1), sampleEntry(2)], '1.2.3');
    expectHar12(har);
    expect(har.log.creator).toEqual({ name: 'Portico', version: '1.2.3' });
    const [first] = har.log.entries;
    expect(first?.request).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:8280/petstore/1.0.0/pets?limit=2&tag=a%20b',
      queryString: [
        { name: 'limit', value: '2' },
        { name: 'tag', value: 'a b' },
      ],
      postData: { mimeType: 'application/json', text: '{"name":"Tom"}' },
      bodySize: 13,
    });
    expect(first?.request.headers).toContainEqual({ name: 'apikey', value: '[redacted]' });
    expect(first?.response).toMatchObject({
      status: 201,
      statusText: 'Created',
      content: { size: 9, mimeType: 'application/json', text: '{"id":42}' },
    });
    expect(first?.timings).toMatchObject({ send: 2.5, wait: 10, receive: 0 });
    expect(first?._portico.decisions.plan).toBe('Gold');
  });

  it('marks base64 and truncated bodies, and gives a gateway-only answer all of its time as wait', () => {
    const entry = sampleEntry(3, {
      request: {
        ...sampleEntry(3).request,
        method: 'GET',
        query: '',
        body: null,
      },
      response: {
        status: 429,
        headers: {},
        body: { size: 70_000, text: 'AAEC', encoding: 'base64', truncated: true },
      },
      timings: { totalMs: 3, backendMs: null, gatewayMs: 3 },
    });
    const har = buildHar([entry], '1');
    expectHar12(har);
    const [only] = har.log.entries;
    expect(only?.request.postData).toBeUndefined();
    expect(only?.response).toMatchObject({
      statusText: 'Too Many Requests',
      content: {
        size: 70_000,
        mimeType: 'application/octet-stream',
        encoding: 'base64',
        comment: expect.stringMatching(/truncated: 70000 bytes/),
      },
    });
    expect(only?.timings).toMatchObject({ send: 0, wait: 3 });
  });
});
