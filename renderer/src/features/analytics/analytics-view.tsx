import { useEffect, useMemo, useState } from 'react';
import type { AnalyticsSource } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { GroupChart, TimeChart } from './charts';
import { EnvironmentHealth } from './environment-health';
import { keyLabel, perKeySeries, totalsSeries } from './series';
import { bucketLabel, bucketStarts, timeRanges, type TimeRangeId } from './time-range';
import { useAnalytics, type AnalyticsQueryState } from './use-analytics';
import './analytics.css';

const dimensions = [
  ['api', 'API'],
  ['application', 'Application'],
  ['plan', 'Plan'],
  ['model', 'Model'],
  ['vendor', 'Vendor'],
  ['status', 'Status'],
] as const;
const perKeyDimensions = [
  ['api', 'API'],
  ['application', 'Application'],
  ['model', 'Model'],
] as const;

const dimensionLabel = (id: string): string => dimensions.find(([d]) => d === id)?.[1] ?? id;

type TotalField = 'requests' | 'errors' | 'throttled' | 'totalTokens' | 'cost';
/** The headline figures, summed over the window; cost keeps its sub-cent digits. */
const kpis: readonly { field: TotalField; label: string; format?: (n: number) => string }[] = [
  { field: 'requests', label: 'Requests' },
  { field: 'errors', label: 'Errors' },
  { field: 'throttled', label: 'Throttled' },
  { field: 'totalTokens', label: 'Tokens' },
  { field: 'cost', label: 'Cost', format: (n) => n.toFixed(4) },
];
// The over-time and by-group charts plot the same fields, so they share one spec.
const outcomeSeries = [
  { key: 'requests', label: 'Requests' },
  { key: 'errors', label: 'Errors' },
  { key: 'throttled', label: 'Throttled' },
];
const percentiles = ['p50', 'p95', 'p99'] as const;

/** Dashboards over the local gateway's or an environment's analytics. */
export function AnalyticsView() {
  const [sourceId, setSourceId] = useState('local');
  const [environments, setEnvironments] = useState<string[]>([]);
  const [range, setRange] = useState<TimeRangeId>('1h');
  const [breakdownBy, setBreakdownBy] = useState<AnalyticsQueryState['breakdownBy']>('api');
  const [perKeyBy, setPerKeyBy] = useState<AnalyticsQueryState['perKeyBy']>('api');

  useEffect(() => {
    let live = true;
    ipc.environments.list().then(
      (result) => {
        if (live) setEnvironments(result.environments.map((e) => e.name));
      },
      // Without a workspace there are no environments; the local gateway still has figures.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const source: AnalyticsSource = useMemo(
    () =>
      sourceId === 'local' ? { kind: 'local' } : { kind: 'environment', name: sourceId.slice(4) },
    [sourceId],
  );
  const { data, error, loading, refresh } = useAnalytics(
    { source, range, breakdownBy, perKeyBy },
    source.kind === 'local' ? 5000 : null,
  );

  const view = useMemo(() => {
    if (!data) return null;
    const buckets = bucketStarts(data.window);
    const label = (bucket: string) => bucketLabel(bucket, data.window.intervalSec);
    const totals = totalsSeries(data.totals, buckets) as unknown as Record<
      string,
      number | string
    >[];
    const tokens = perKeySeries(data.perKey, buckets, (r) => r.totalTokens);
    const cost = perKeySeries(data.perKey, buckets, (r) => r.cost);
    const groups = data.breakdown
      .map((r) => ({ ...r, key: keyLabel(r.key) }))
      .sort((a, b) => b.requests - a.requests) as unknown as Record<string, number | string>[];
    const sum = (field: TotalField) => data.totals.reduce((n, r) => n + r[field], 0);
    return { label, totals, tokens, cost, groups, sum };
  }, [data]);

  const groupLabel = dimensionLabel(breakdownBy);
  const groupNoun = groupLabel.toLowerCase();
  const latencyNote =
    source.kind === 'environment'
      ? 'Across nodes: the highest node’s percentile (an upper bound).'
      : undefined;

  return (
    <div className="analytics-view">
      <div className="analytics-toolbar" role="toolbar" aria-label="Analytics controls">
        <h2 className="analytics-toolbar__title">Analytics</h2>
        <label className="analytics-toolbar__field">
          Source
          <select className="input" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            <option value="local">Local gateway</option>
            {environments.map((name) => (
              <option key={name} value={`env:${name}`}>
                Environment: {name}
              </option>
            ))}
          </select>
        </label>
        <label className="analytics-toolbar__field">
          Time range
          <select
            className="input"
            value={range}
            onChange={(e) => setRange(e.target.value as TimeRangeId)}
          >
            {timeRanges.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={refresh}>
          Refresh
        </button>
        {loading && <span className="muted">Loading…</span>}
      </div>

      {error && (
        <p role="alert" className="analytics-view__error">
          {error}
        </p>
      )}
      {data?.health && <EnvironmentHealth status={data.health} />}
      {data && data.failedNodes.length > 0 && (
        <ul className="analytics-view__error" aria-label="Nodes without figures">
          {data.failedNodes.map((n) => (
            <li key={n.node}>
              {n.node}: {n.error ?? 'no answer'}
            </li>
          ))}
        </ul>
      )}

      {view && (
        <>
          <dl className="analytics-kpis" aria-label="Totals">
            {kpis.map(({ field, label, format }) => (
              <div key={field}>
                <dt>{label}</dt>
                <dd>{format ? format(view.sum(field)) : view.sum(field)}</dd>
              </div>
            ))}
          </dl>
          <div className="analytics-grid">
            <TimeChart
              title="Requests over time"
              points={view.totals}
              label={view.label}
              series={outcomeSeries}
            />
            <TimeChart
              title="Latency over time"
              note={latencyNote}
              points={view.totals}
              label={view.label}
              unit=" ms"
              series={percentiles.map((p) => ({ key: p, label: p }))}
            />
          </div>

          <div className="analytics-section-header">
            <h3>Breakdown</h3>
            <label className="analytics-toolbar__field analytics-toolbar__field--inline">
              Group by
              <select
                className="input"
                value={breakdownBy}
                onChange={(e) =>
                  setBreakdownBy(e.target.value as AnalyticsQueryState['breakdownBy'])
                }
              >
                {dimensions.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="analytics-grid">
            <GroupChart
              title={`Requests by ${groupNoun}`}
              groupLabel={groupLabel}
              rows={view.groups}
              series={outcomeSeries}
            />
            <GroupChart
              title={`Latency by ${groupNoun}`}
              note={latencyNote}
              groupLabel={groupLabel}
              rows={view.groups}
              series={percentiles.map((p) => ({ key: p, label: `${p} ms` }))}
            />
            <GroupChart
              title={`Tokens and cost by ${groupNoun}`}
              groupLabel={groupLabel}
              rows={view.groups}
              series={[
                { key: 'promptTokens', label: 'Prompt' },
                { key: 'completionTokens', label: 'Completion' },
                { key: 'totalTokens', label: 'Total' },
                { key: 'cost', label: 'Cost' },
              ]}
            />
          </div>

          <div className="analytics-section-header">
            <h3>Tokens and cost over time</h3>
            <label className="analytics-toolbar__field analytics-toolbar__field--inline">
              Per
              <select
                className="input"
                value={perKeyBy}
                onChange={(e) => setPerKeyBy(e.target.value as AnalyticsQueryState['perKeyBy'])}
              >
                {perKeyDimensions.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="analytics-grid">
            <TimeChart
              title="Tokens over time"
              note={view.tokens.keys.length === 0 ? 'No AI traffic in this range.' : undefined}
              points={view.tokens.points}
              label={view.label}
              series={view.tokens.keys.map((k) => ({ key: k, label: k }))}
            />
            <TimeChart
              title="Cost over time"
              note={view.cost.keys.length === 0 ? 'Nothing billed in this range.' : undefined}
              points={view.cost.points}
              label={view.label}
              series={view.cost.keys.map((k) => ({ key: k, label: k }))}
            />
          </div>
        </>
      )}
    </div>
  );
}
