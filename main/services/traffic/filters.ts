/**
 * The traffic log's filters and its list rows. Pure functions, shared by the list,
 * the live push and the HAR export so that what one sees is what one exports.
 */
import type { TrafficEntry, TrafficFilter, TrafficRow } from '../../ipc/contract.js';

/** The list row of an entry: what the log's table shows. */
export function toRow(entry: TrafficEntry): TrafficRow {
  const route = entry.decisions.route;
  return {
    seq: entry.seq,
    requestId: entry.requestId,
    timestamp: entry.timestamp,
    method: entry.request.method,
    path: entry.request.path,
    query: entry.request.query,
    status: entry.response.status,
    apiId: route?.apiId ?? null,
    apiName: route?.apiName ?? null,
    apiVersion: route?.apiVersion ?? null,
    applicationId: entry.decisions.applicationId,
    plan: entry.decisions.plan,
    errorCode: entry.decisions.errorCode,
    totalMs: entry.timings.totalMs,
  };
}

function statusMatches(status: number, filter: string): boolean {
  if (filter.endsWith('xx')) return Math.floor(status / 100) === Number(filter[0]);
  return status === Number(filter);
}

/** A predicate for the filter; an empty filter matches everything. */
export function matchesFilter(filter: TrafficFilter): (entry: TrafficEntry) => boolean {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return (entry) => {
    const d = entry.decisions;
    if (filter.apiId !== undefined && d.route?.apiId !== filter.apiId) return false;
    if (filter.applicationId !== undefined && d.applicationId !== filter.applicationId)
      return false;
    if (filter.status !== undefined && !statusMatches(entry.response.status, filter.status))
      return false;
    if (text) {
      const haystack = [
        entry.request.method,
        entry.request.url,
        entry.requestId,
        String(entry.response.status),
        d.errorCode ?? '',
        d.route?.apiName ?? '',
        d.applicationId ?? '',
      ]
        .join(' ')
        .toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  };
}
