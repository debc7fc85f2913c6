/**
 * The log's filters applied to rows in the window, mirroring the studio's
 * `matchesFilter` so the list and the HAR export agree.
 */
import type { TrafficFilter, TrafficRow } from '../../../../main/ipc/contract';

export function rowMatches(row: TrafficRow, filter: TrafficFilter): boolean {
  if (filter.apiId !== undefined && row.apiId !== filter.apiId) return false;
  if (filter.applicationId !== undefined && row.applicationId !== filter.applicationId)
    return false;
  if (filter.status !== undefined) {
    const s = filter.status;
    const ok = s.endsWith('xx')
      ? Math.floor(row.status / 100) === Number(s[0])
      : row.status === Number(s);
    if (!ok) return false;
  }
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    const haystack = [
      row.method,
      row.path + row.query,
      row.requestId,
      String(row.status),
      row.errorCode ?? '',
      row.apiName ?? '',
      row.applicationId ?? '',
    ]
      .join(' ')
      .toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** Distinct non-null values of a field, sorted, for a filter's options. */
export function distinct(
  rows: readonly TrafficRow[],
  pick: (row: TrafficRow) => string | null,
): string[] {
  return [...new Set(rows.map(pick).filter((v): v is string => v !== null))].sort();
}
