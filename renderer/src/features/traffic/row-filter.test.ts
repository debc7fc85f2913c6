import { describe, expect, it } from 'vitest';
import type { TrafficRow } from '../../../../main/ipc/contract';
import { distinct, rowMatches } from './row-filter';

const row = (fields: Partial<TrafficRow>): TrafficRow => ({
  seq: 1,
  requestId: 'r-1',
  timestamp: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  path: '/petstore/1.0.0/pets',
  query: '',
  status: 200,
  apiId: 'petstore-1.0.0',
  apiName: 'PetStore',
  apiVersion: '1.0.0',
  applicationId: 'app-1',
  plan: 'Gold',
  errorCode: null,
  totalMs: 3,
  ...fields,
});

describe('rowMatches', () => {
  it('applies API, application, status class, exact status and text together', () => {
    const throttled = row({ status: 429, errorCode: 'THROTTLED' });
    expect(rowMatches(throttled, {})).toBe(true);
    expect(rowMatches(throttled, { status: '4xx' })).toBe(true);
    expect(rowMatches(throttled, { status: '429' })).toBe(true);
    expect(rowMatches(throttled, { status: '5xx' })).toBe(false);
    expect(rowMatches(throttled, { text: 'throttled' })).toBe(true);
    expect(rowMatches(throttled, { apiId: 'other' })).toBe(false);
    expect(rowMatches(throttled, { applicationId: 'app-1', text: '/pets' })).toBe(true);
  });
});

describe('distinct', () => {
  it('lists each value once, sorted, without nulls', () => {
    const rows = [
      row({ apiId: 'b' }),
      row({ apiId: null }),
      row({ apiId: 'a' }),
      row({ apiId: 'b' }),
    ];
    expect(distinct(rows, (r) => r.apiId)).toEqual(['a', 'b']);
  });
});
