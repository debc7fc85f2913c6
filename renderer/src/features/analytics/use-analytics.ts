/**
 * Loads what the dashboards show for a source and a time range: overall figures per
 * bucket, a breakdown by one dimension, tokens and cost per key over time, and, for an
 * environment, its nodes' health.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  AnalyticsGroupBy,
  AnalyticsRow,
  AnalyticsSource,
  EnvironmentStatus,
} from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { windowOf, type TimeRangeId, type Window } from './time-range';

export interface AnalyticsData {
  window: Window;
  totals: AnalyticsRow[];
  breakdown: AnalyticsRow[];
  perKey: AnalyticsRow[];
  /** Nodes that failed to answer (environments). */
  failedNodes: { node: string; error?: string | undefined }[];
  health: EnvironmentStatus | null;
}

export interface AnalyticsQueryState {
  source: AnalyticsSource;
  range: TimeRangeId;
  breakdownBy: Exclude<AnalyticsGroupBy, 'all'>;
  perKeyBy: 'api' | 'application' | 'model';
}

export function useAnalytics(query: AnalyticsQueryState, autoRefreshMs: number | null) {
  const [data, setData] = useState<AnalyticsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The query whose answer is shown; differs from the current one while loading. */
  const [settled, setSettled] = useState('');
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const { source, range, breakdownBy, perKeyBy } = query;
  const sourceKey = source.kind === 'local' ? 'local' : `env:${source.name}`;

  const current = JSON.stringify([sourceKey, range, breakdownBy, perKeyBy, tick]);

  useEffect(() => {
    let live = true;
    const window = windowOf(range, Date.now());
    const src: AnalyticsSource =
      sourceKey === 'local' ? { kind: 'local' } : { kind: 'environment', name: sourceKey.slice(4) };
    Promise.all([
      ipc.analytics.summary({ source: src, groupBy: 'all', ...window }),
      ipc.analytics.summary({
        source: src,
        groupBy: breakdownBy,
        from: window.from,
        to: window.to,
      }),
      ipc.analytics.summary({ source: src, groupBy: perKeyBy, ...window }),
      src.kind === 'environment'
        ? ipc.environments.status({ name: src.name })
        : Promise.resolve(null),
    ]).then(
      ([totals, breakdown, perKey, health]) => {
        if (!live) return;
        const failed = new Map<string, string | undefined>();
        for (const n of [...totals.nodes, ...breakdown.nodes, ...perKey.nodes])
          if (!n.ok) failed.set(n.node, n.error);
        setData({
          window,
          totals: totals.rows,
          breakdown: breakdown.rows,
          perKey: perKey.rows,
          failedNodes: [...failed].map(([node, error]) => ({ node, error })),
          health,
        });
        setError(null);
        setSettled(current);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof Error ? e.message : String(e));
        setSettled(current);
      },
    );
    return () => {
      live = false;
    };
  }, [sourceKey, range, breakdownBy, perKeyBy, current]);

  useEffect(() => {
    if (autoRefreshMs === null) return;
    const timer = setInterval(refresh, autoRefreshMs);
    return () => clearInterval(timer);
  }, [autoRefreshMs, refresh]);

  return { data, error, loading: settled !== current, refresh };
}
