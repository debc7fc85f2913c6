/**
 * A realistic captured entry for the traffic log's unit tests (not shipped: only
 * tests import it).
 */
import type { TrafficEntry } from '../../ipc/contract.js';

export function sampleEntry(seq: number, overrides: Partial<TrafficEntry> = {}): TrafficEntry {
  return {
    seq,
    requestId: `req-${seq}`,
    timestamp: '2026-03-01T10:00:00.000Z',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:8280/petstore/1.0.0/pets?limit=2&tag=a%20b',
      path: '/petstore/1.0.0/pets',
      query: '?limit=2&tag=a%20b',
      httpVersion: 'HTTP/1.1',
      clientIp: '127.0.0.1',
      headers: { 'content-type': 'application/json', apikey: '[redacted]' },
      body: { size: 13, text: '{"name":"Tom"}', encoding: 'utf8', truncated: false },
    },
    response: {
      status: 201,
      headers: { 'content-type': 'application/json', 'x-request-id': `req-${seq}` },
      body: { size: 9, text: '{"id":42}', encoding: 'utf8', truncated: false },
    },
    timings: { totalMs: 12.5, backendMs: 10, gatewayMs: 2.5 },
    decisions: {
      stages: [{ stage: 'route', outcome: 'passed', detail: 'PetStore 1.0.0 /pets' }],
      route: {
        apiId: 'PetStore-1.0.0',
        apiName: 'PetStore',
        apiVersion: '1.0.0',
        context: '/petstore',
        operation: '/pets',
      },
      auth: { credential: 'apiKey', keyType: 'PRODUCTION', keyManager: null },
      applicationId: 'app-mobile',
      plan: 'Gold',
      throttle: { checks: [], limitedBy: null },
      denylisted: false,
      endpoint: { keyType: 'production', type: 'http', target: 'http://127.0.0.1:9000' },
      errorCode: null,
      errorMessage: null,
    },
    ...overrides,
  };
}
