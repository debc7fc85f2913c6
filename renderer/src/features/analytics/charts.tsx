/**
 * The dashboards' charts (recharts), each with its figures in a data table beneath
 * it, so screen readers and tests read exact values rather than pixels.
 */
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Readable on the light and the dark theme. */
export const palette = [
  '#4c6ef5',
  '#e8590c',
  '#2f9e44',
  '#c2255c',
  '#1098ad',
  '#ae3ec9',
  '#f08c00',
  '#5c7cfa',
];

export interface SeriesSpec {
  key: string;
  label: string;
}

type Point = Record<string, number | string>;

function DataTable({
  title,
  columns,
  rows,
  first,
}: {
  title: string;
  columns: SeriesSpec[];
  rows: Point[];
  first: { key: string; label: string; format?: (value: string) => string };
}) {
  return (
    <details className="chart-data" open>
      <summary>Data</summary>
      <table className="chart-data__table" aria-label={`${title} data`}>
        <thead>
          <tr>
            <th scope="col">{first.label}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">
                {first.format ? first.format(String(row[first.key])) : String(row[first.key])}
              </th>
              {columns.map((c) => (
                <td key={c.key}>{formatNumber(row[c.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function formatNumber(value: number | string | undefined): string {
  if (typeof value !== 'number') return value ?? '0';
  return Number.isInteger(value)
    ? String(value)
    : value.toFixed(value < 1 ? 6 : 2).replace(/0+$/, '');
}

function Panel({
  title,
  note,
  children,
}: {
  title: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="chart-panel" aria-label={title}>
      <h3 className="chart-panel__title">{title}</h3>
      {note && <p className="chart-panel__note muted">{note}</p>}
      {children}
    </section>
  );
}

/** Lines over time buckets. */
export function TimeChart({
  title,
  note,
  points,
  series,
  label,
  unit,
}: {
  title: string;
  note?: ReactNode;
  points: Point[];
  series: SeriesSpec[];
  label: (bucket: string) => string;
  unit?: string;
}) {
  return (
    <Panel title={title} note={note}>
      <div className="chart-panel__chart">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#8884" />
            <XAxis dataKey="bucket" tickFormatter={label} minTickGap={24} fontSize={11} />
            <YAxis fontSize={11} unit={unit} width={56} />
            <Tooltip labelFormatter={(value) => label(String(value))} />
            <Legend />
            {series.map((s, i) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={palette[i % palette.length]}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <DataTable
        title={title}
        columns={series}
        rows={points}
        first={{ key: 'bucket', label: 'Time', format: label }}
      />
    </Panel>
  );
}

/** Bars per group (API, application, status ...). */
export function GroupChart({
  title,
  note,
  rows,
  series,
  groupLabel,
}: {
  title: string;
  note?: ReactNode;
  rows: Point[];
  series: SeriesSpec[];
  groupLabel: string;
}) {
  return (
    <Panel title={title} note={note}>
      {rows.length === 0 ? (
        <p className="muted">No requests in this range.</p>
      ) : (
        <div className="chart-panel__chart">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#8884" />
              <XAxis dataKey="key" fontSize={11} />
              <YAxis fontSize={11} width={56} />
              <Tooltip />
              <Legend />
              {series.map((s, i) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={palette[i % palette.length]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <DataTable
        title={title}
        columns={series}
        rows={rows}
        first={{ key: 'key', label: groupLabel }}
      />
    </Panel>
  );
}
