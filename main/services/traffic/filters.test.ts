import { describe, expect, it } from 'vitest';
import { matchesFilter, toRow } from './filters.js';
import { sampleEntry } from './sample-entry.js';

const ok = sampleEntry(1);
const throttled = sampleEntry(2, {
  response: { status: 429, headers: {}, body: null },
  decisions: {
    ...sampleEntry(2).decisions,
    applicationId: 'app-web',
    errorCode: 'THROTTLED',
  },
});
const unrouted = sampleEntry(3, {
  request: { ...sampleEntry(3).request, method: 'GET', url: 'http://127.0.0.1:8280/nope' },
  response: { status: 404, headers: {}, body: null },
  decisions: { ...sampleEntry(3).decisions, route: null, applicationId: null },
});
const all = [ok, throttled, unrouted];
const seqs = (filter: Parameters<typeof matchesFilter>[0]) =>
  all.filter(matchesFilter(filter)).map((e) => e.seq);

describe('matchesFilter', () => {
  it('matches everything without a filter', () => {
    expect(seqs({})).toEqual([1, 2, 3]);
  });
  it('filters by API and application', () => {
    expect(seqs({ apiId: 'PetStore-1.0.0' })).toEqual([1, 2]);
    expect(seqs({ applicationId: 'app-web' })).toEqual([2]);
  });
  it('filters by status class or exact code', () => {
    expect(seqs({ status: '4xx' })).toEqual([2, 3]);
    expect(seqs({ status: '2xx' })).toEqual([1]);
    expect(seqs({ status: '404' })).toEqual([3]);
  });
  it('searches text case-insensitively in URL, method, error code and status', () => {
    expect(seqs({ text: 'throttled' })).toEqual([2]);
    expect(seqs({ text: '/NOPE' })).toEqual([3]);
    expect(seqs({ text: ' post ' })).toEqual([1, 2]);
    expect(seqs({ text: '404' })).toEqual([3]);
  });
  it('combines filters with AND', () => {
    expect(seqs({ status: '4xx', apiId: 'PetStore-1.0.0' })).toEqual([2]);
  });
});

describe('toRow', () => {
  it('keeps what the list shows and leaves headers and bodies out', () => {
    expect(toRow(throttled)).toEqual({
      seq: 2,
      requestId: 'req-2',
      timestamp: '2026-03-01T10:00:00.000Z',
      method: 'POST',
      path: '/petstore/1.0.0/pets',
      query: '?limit=2&tag=a%20b',
      status: 429,
      apiId: 'PetStore-1.0.0',
      apiName: 'PetStore',
      apiVersion: '1.0.0',
      applicationId: 'app-web',
      plan: 'Gold',
      errorCode: 'THROTTLED',
      totalMs: 12.5,
    });
  });
});
