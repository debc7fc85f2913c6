/**
 * In-memory traffic and analytics services for tests of the bridge: a log that
 * tests fill with `addTrafficEntry`, filtered and exported by the real functions.
 */
import type { EventPayload, Request, Response, TrafficEntry } from './contract.js';
import { StudioError } from '../services/errors.js';
import { matchesFilter, toRow } from '../services/traffic/filters.js';
import { buildHar } from '../services/traffic/har.js';

type Rows = EventPayload<'traffic.entry'>['rows'];

export function createFakeTrafficServices() {
  let entries: TrafficEntry[] = [];
  const listeners = new Set<(rows: Rows) => void>();
  return {
    /** Appends an entry (with its `seq`) and pushes its row, as the live log would. */
    addTrafficEntry(entry: TrafficEntry): void {
      entries.push(entry);
      for (const listener of listeners) listener([toRow(entry)]);
    },
    traffic: {
      async list(filter: Request<'traffic.list'>): Promise<Response<'traffic.list'>> {
        const matching = entries.filter(
          (e) => e.seq > (filter.afterSeq ?? 0) && matchesFilter(filter)(e),
        );
        return {
          rows: matching.slice(-(filter.limit ?? 500)).map(toRow),
          total: matching.length,
          capturing: true,
        };
      },
      async get(seq: number): Promise<TrafficEntry> {
        const entry = entries.find((e) => e.seq === seq);
        if (!entry) throw new StudioError('NOT_FOUND', `seq: no traffic entry ${seq}`);
        return entry;
      },
      async exportHar(filter: Request<'traffic.exportHar'>) {
        const chosen = entries.filter(matchesFilter(filter));
        const content = JSON.stringify(buildHar(chosen, '0.0.0-test'));
        return { fileName: 'portico-traffic.har', content, count: chosen.length };
      },
      async clear() {
        entries = [];
      },
      // Fake entries are pushed as they are added; watching changes nothing here.
      renewWatch(watchId?: string) {
        return { watchId: watchId ?? 'fake-watch', ttlMs: 15_000 };
      },
      unwatch() {},
      onEntries(listener: (rows: Rows) => void) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    },
    analytics: {
      async summary(query: Request<'analytics.summary'>): Promise<Response<'analytics.summary'>> {
        return { groupBy: query.groupBy, rows: [], nodes: [{ node: 'local', ok: true }] };
      },
    },
  };
}
