/**
 * The live log's state: the newest rows (capped), kept current by `traffic.entry`
 * pushes, which main sends while the log is watched (`useTrafficWatch`). While
 * paused, new rows wait in a buffer and the list stands still.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrafficRow } from '../../../../main/ipc/contract';
import { ipc, subscribe } from '../../ipc/client';
import { reportError } from '../notifications/notify';
import { useTrafficWatch } from './use-traffic-watch';

/** Rows the window keeps; older ones stay in the studio's log (and its HAR export). */
export const MAX_ROWS = 1000;

export interface TrafficLog {
  rows: TrafficRow[];
  paused: boolean;
  /** Rows that arrived while paused. */
  waiting: number;
  /** Null until the first list answered. */
  capturing: boolean | null;
  setPaused(paused: boolean): void;
  clear(): Promise<void>;
}

const keepNewest = (rows: TrafficRow[]): TrafficRow[] =>
  rows.length > MAX_ROWS ? rows.slice(rows.length - MAX_ROWS) : rows;

export function useTrafficLog(): TrafficLog {
  useTrafficWatch();
  const [rows, setRows] = useState<TrafficRow[]>([]);
  const [paused, setPausedState] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [capturing, setCapturing] = useState<boolean | null>(null);
  const pausedRef = useRef(false);
  const buffer = useRef<TrafficRow[]>([]);
  const lastSeq = useRef(0);

  const append = useCallback((incoming: TrafficRow[]) => {
    // The list and a push can both carry a row: keep each sequence number once.
    const fresh = incoming.filter((r) => r.seq > lastSeq.current);
    if (fresh.length === 0) return;
    lastSeq.current = fresh[fresh.length - 1]?.seq ?? lastSeq.current;
    if (pausedRef.current) {
      buffer.current.push(...fresh);
      setWaiting(buffer.current.length);
      return;
    }
    setRows((current) => keepNewest([...current, ...fresh]));
  }, []);

  useEffect(() => {
    let live = true;
    const off = subscribe('traffic.entry', ({ rows: pushed }) => append(pushed));
    ipc.traffic.list({ limit: MAX_ROWS }).then(
      (result) => {
        if (!live) return;
        setCapturing(result.capturing);
        append(result.rows);
      },
      (error: unknown) => reportError(error, 'Reading the traffic log'),
    );
    return () => {
      live = false;
      off();
    };
  }, [append]);

  const setPaused = useCallback((next: boolean) => {
    pausedRef.current = next;
    setPausedState(next);
    if (!next && buffer.current.length > 0) {
      const held = buffer.current;
      buffer.current = [];
      setRows((current) => keepNewest([...current, ...held]));
    }
    setWaiting(buffer.current.length);
  }, []);

  const clear = useCallback(async () => {
    await ipc.traffic.clear();
    buffer.current = [];
    setWaiting(0);
    setRows([]);
  }, []);

  return { rows, paused, waiting, capturing, setPaused, clear };
}
