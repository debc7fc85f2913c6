/**
 * The studio's traffic log. It reads the local gateway's capture
 * (`GET /admin/v1/traffic?since=`) every ~500 ms while someone watches the live log
 * and before answering a list, keeps the newest entries in memory under its own
 * sequence numbers (stable across gateway restarts), and answers filtered lists,
 * single entries and HAR exports.
 *
 * Watching is separate from listening: the event hub listens for rows for as long
 * as the studio runs, but polling runs only while a watch is held. A renderer's
 * watch (`traffic.watch`) is a lease it renews; a window that closes, crashes or
 * reloads without `traffic.unwatch` stops renewing, and its watch lapses.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GatewayStatus, TrafficEntry, TrafficFilter, TrafficRow } from '../../ipc/contract.js';
import { trafficEntry } from '../../ipc/contract.js';
import { StudioError } from '../errors.js';
import type { Logger } from '../logger.js';
import { matchesFilter, toRow } from './filters.js';
import { buildHar } from './har.js';

/** What the service needs of the gateway host. */
export interface TrafficGateway {
  status(): GatewayStatus;
  onStatus(listener: (status: GatewayStatus) => void): () => void;
  /** One admin API call; null when no gateway runs. */
  admin(method: 'GET' | 'DELETE', path: string): Promise<{ status: number; body: unknown } | null>;
}

/** Options of `TrafficService`. */
export interface TrafficServiceOptions {
  gateway: TrafficGateway;
  appVersion: string;
  /** Poll period while watched; default 500 ms. */
  intervalMs?: number;
  /** How long a renderer's watch lasts unless renewed; default `WATCH_TTL_MS`. */
  watchTtlMs?: number;
  /** The clock watches expire by; default `Date.now`. */
  now?: () => number;
  /** Entries kept; the oldest go first. Default 5000. */
  capacity?: number;
  log?: Logger;
}

const PAGE = 1000;

/** A renderer's watch lapses this long after its last renewal (it renews at a third of it). */
export const WATCH_TTL_MS = 15_000;

/** The gateway's answer, checked: a newer or older gateway must not corrupt the log. */
const trafficPage = z.object({
  lastSeq: z.number().int().nonnegative(),
  entries: z.array(trafficEntry),
});

export class TrafficService {
  private entries: TrafficEntry[] = [];
  private nextSeq = 1;
  /** The last gateway sequence number read, for the current gateway run. */
  private gatewaySeq = 0;
  private gatewayUrl: string | null = null;
  private capturing = false;
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(rows: TrafficRow[]) => void>();
  /** Watch id → when it lapses (`Infinity` for in-process watches). */
  private readonly watches = new Map<string, number>();
  private readonly offStatus: () => void;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: TrafficServiceOptions) {
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.offStatus = options.gateway.onStatus((status) => this.onGatewayStatus(status));
    this.onGatewayStatus(options.gateway.status());
  }

  /** Live rows as they arrive, from whatever poll reads them; listening starts no polling. */
  onEntries(listener: (rows: TrafficRow[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Polls until the returned function is called (an in-process watcher: a test, a tool). */
  watch(): () => void {
    const id = randomUUID();
    this.watches.set(id, Infinity);
    this.updateTimer();
    return () => this.unwatch(id);
  }

  /**
   * A renderer's watch: a new one without `watchId`, else that one renewed (made
   * again if it had lapsed, after a sleep or a reload from the back-forward cache).
   */
  renewWatch(watchId?: string): { watchId: string; ttlMs: number } {
    const id = watchId ?? randomUUID();
    const ttlMs = this.options.watchTtlMs ?? WATCH_TTL_MS;
    this.watches.set(id, this.now() + ttlMs);
    this.updateTimer();
    return { watchId: id, ttlMs };
  }

  /** Ends a watch; unknown or lapsed ids are ignored. */
  unwatch(watchId: string): void {
    this.watches.delete(watchId);
    this.updateTimer();
  }

  /** Watches that have not lapsed; lapsed ones are dropped. */
  watching(): number {
    const now = this.now();
    for (const [id, until] of this.watches) if (until <= now) this.watches.delete(id);
    return this.watches.size;
  }

  async list(
    filter: TrafficFilter & { afterSeq?: number; limit?: number },
  ): Promise<{ rows: TrafficRow[]; total: number; capturing: boolean }> {
    await this.poll();
    const match = matchesFilter(filter);
    const after = filter.afterSeq ?? 0;
    const matching = this.entries.filter((e) => e.seq > after && match(e));
    const limit = filter.limit ?? 500;
    return {
      rows: matching.slice(-limit).map(toRow),
      total: matching.length,
      capturing: this.capturing,
    };
  }

  async get(seq: number): Promise<TrafficEntry> {
    await this.poll();
    const entry = this.entries.find((e) => e.seq === seq);
    if (!entry)
      throw new StudioError(
        'NOT_FOUND',
        `seq: no traffic entry ${seq} (the log keeps the newest ${this.capacity}; it may have been dropped or cleared)`,
      );
    return entry;
  }

  async exportHar(
    filter: TrafficFilter,
  ): Promise<{ fileName: string; content: string; count: number }> {
    await this.poll();
    const entries = this.entries.filter(matchesFilter(filter));
    const har = buildHar(entries, this.options.appVersion);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return {
      fileName: `portico-traffic-${stamp}.har`,
      content: JSON.stringify(har, null, 2),
      count: entries.length,
    };
  }

  async clear(): Promise<void> {
    await this.poll();
    this.entries = [];
    await this.options.gateway.admin('DELETE', '/admin/v1/traffic').catch(() => null);
  }

  close(): void {
    this.offStatus();
    this.listeners.clear();
    this.watches.clear();
    this.updateTimer();
  }

  private get capacity(): number {
    return this.options.capacity ?? 5000;
  }

  private onGatewayStatus(status: GatewayStatus): void {
    // A new gateway process numbers its entries from 1 again.
    if (status.adminUrl !== this.gatewayUrl) {
      this.gatewayUrl = status.adminUrl;
      this.gatewaySeq = 0;
    }
  }

  /** Starts or stops the poll timer; each tick checks again, so a lapsed lease stops it. */
  private updateTimer(): boolean {
    const watched = this.watching() > 0;
    if (watched && !this.timer) {
      this.timer = setInterval(() => {
        if (this.updateTimer()) void this.poll();
      }, this.options.intervalMs ?? 500);
      this.timer.unref();
    } else if (!watched && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    return watched;
  }

  /** One read at a time; callers during a read share it. */
  private poll(): Promise<void> {
    this.polling ??= this.readNew()
      .catch((error: unknown) => {
        this.log('warn', `reading the gateway's traffic failed: ${String(error)}`);
      })
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  private async readNew(): Promise<void> {
    const added: TrafficEntry[] = [];
    for (;;) {
      const res = await this.options.gateway.admin(
        'GET',
        `/admin/v1/traffic?since=${this.gatewaySeq}&limit=${PAGE}`,
      );
      if (!res || res.status !== 200) {
        this.capturing = false;
        break;
      }
      this.capturing = true;
      const page = trafficPage.parse(res.body);
      if (page.lastSeq < this.gatewaySeq) {
        // The gateway restarted behind our back: read its log from the start.
        this.gatewaySeq = 0;
        continue;
      }
      for (const entry of page.entries) {
        this.gatewaySeq = Math.max(this.gatewaySeq, entry.seq);
        added.push({ ...entry, seq: this.nextSeq++ });
      }
      if (page.entries.length < PAGE) break;
    }
    if (added.length === 0) return;
    this.entries.push(...added);
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
    const rows = added.map(toRow);
    for (const listener of [...this.listeners]) {
      try {
        listener(rows);
      } catch (error) {
        this.log('error', `a traffic listener failed: ${String(error)}`);
      }
    }
  }
}
