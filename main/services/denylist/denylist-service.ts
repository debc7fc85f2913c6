/**
 * The local gateway's denylist (SQLite, migration 0006). Every local bundle carries
 * it, so a restarted gateway blocks the same callers; each change is also sent at
 * once to the running gateway's admin API (`/admin/v1/denylist`), so a block applies
 * to the very next request rather than after the redeploy that follows.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  denylistEntrySchema,
  type DenylistEntry,
  type DenylistType,
} from '../../../gateway-runtime/src/index.js';
import type { ChangeSignal } from '../applications/changes.js';
import { StudioError } from '../errors.js';
import type { Logger } from '../logger.js';
import { formatZodIssues } from '../zod-issues.js';

/** The running local gateway's admin API, or nothing when it is not running. */
export interface LocalGatewayAdmin {
  admin(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown } | null>;
}

/** A denylist entry as listed. */
export interface DenylistView {
  id: string;
  type: DenylistType;
  value: string;
  enabled: boolean;
  description: string | null;
  createdAt: string;
}

/** A change and whether the running gateway took it at once. */
export interface DenylistChange {
  entry: DenylistView | null;
  /** True when the running gateway applied it; false when none runs (the next deploy carries it). */
  applied: boolean;
}

/** Filters of `list`. */
export interface DenylistFilter {
  type?: DenylistType;
  enabled?: boolean;
  /** Case-insensitive substring of the value or description. */
  search?: string;
}

interface Row {
  id: string;
  type: DenylistType;
  value: string;
  enabled: 0 | 1;
  description: string | null;
  created_at: string;
}

const view = (r: Row): DenylistView => ({
  id: r.id,
  type: r.type,
  value: r.value,
  enabled: r.enabled === 1,
  description: r.description,
  createdAt: r.created_at,
});

/** `/petstore/1.0.0`: an API by context and version, as WSO2 names it in a denylist. */
const apiValue = /^(\/[A-Za-z0-9._~-]+)+\/[A-Za-z0-9._~-]+$/;

/** What a value of each type must look like, for messages. */
export const denylistValueRules: Record<DenylistType, string> = {
  API: 'the API context and version, e.g. /petstore/1.0.0',
  APPLICATION: 'an application id, e.g. app-1b2c... (see the Applications view)',
  IP: 'an IPv4 or IPv6 address, e.g. 203.0.113.7',
  IP_RANGE: 'a CIDR range, e.g. 203.0.113.0/24',
  USER: 'a user name as the JWT sub claim carries it, e.g. alice',
};

export class DenylistService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeSignal,
    private readonly gateway: LocalGatewayAdmin | null,
    private readonly log: Logger = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(filter: DenylistFilter = {}): DenylistView[] {
    const search = filter.search?.trim().toLowerCase() ?? '';
    const rows = this.db
      .prepare(
        `SELECT * FROM denylist
         WHERE (@type IS NULL OR type = @type) AND (@enabled IS NULL OR enabled = @enabled)
           AND (@search = '' OR instr(lower(value), @search) > 0 OR instr(lower(coalesce(description, '')), @search) > 0)
         ORDER BY type, value`,
      )
      .all({
        type: filter.type ?? null,
        enabled: filter.enabled === undefined ? null : filter.enabled ? 1 : 0,
        search,
      }) as Row[];
    return rows.map(view);
  }

  get(id: string): DenylistView {
    const row = this.db.prepare('SELECT * FROM denylist WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new StudioError('NOT_FOUND', `id: no denylist entry ${JSON.stringify(id)}`);
    return view(row);
  }

  /** Validates with the gateway's schema plus the value rule of the type, stores and applies. */
  async add(input: {
    type: DenylistType;
    value: string;
    enabled?: boolean;
    description?: string;
  }): Promise<DenylistChange> {
    const value = input.value.trim();
    const description = input.description?.trim() || undefined;
    const entry = this.validate({
      id: `d-${randomUUID()}`,
      type: input.type,
      value,
      enabled: input.enabled ?? true,
      ...(description === undefined ? {} : { description }),
    });
    const taken = this.db
      .prepare('SELECT id FROM denylist WHERE type = ? AND value = ?')
      .get(entry.type, entry.value) as { id: string } | undefined;
    if (taken)
      throw new StudioError(
        'CONFLICT',
        `value: ${entry.type} ${entry.value} is already on the denylist (entry ${taken.id})`,
      );
    this.db
      .prepare(
        'INSERT INTO denylist (id, type, value, enabled, description, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.id,
        entry.type,
        entry.value,
        entry.enabled ? 1 : 0,
        description ?? null,
        this.now().toISOString(),
      );
    const applied = await this.apply('POST', '/admin/v1/denylist', entry);
    this.changes.emit();
    return { entry: this.get(entry.id), applied };
  }

  async setEnabled(id: string, enabled: boolean): Promise<DenylistChange> {
    this.get(id);
    this.db.prepare('UPDATE denylist SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id);
    const applied = await this.apply('PATCH', `/admin/v1/denylist/${encodeURIComponent(id)}`, {
      enabled,
    });
    this.changes.emit();
    return { entry: this.get(id), applied };
  }

  async delete(id: string): Promise<DenylistChange> {
    this.get(id);
    this.db.prepare('DELETE FROM denylist WHERE id = ?').run(id);
    const applied = await this.apply('DELETE', `/admin/v1/denylist/${encodeURIComponent(id)}`);
    this.changes.emit();
    return { entry: null, applied };
  }

  /** Every entry, as a bundle's `denylist`. */
  forBundle(): DenylistEntry[] {
    return this.list().map((e) => ({
      id: e.id,
      type: e.type,
      value: e.value,
      enabled: e.enabled,
      ...(e.description === null ? {} : { description: e.description }),
    }));
  }

  private validate(candidate: Record<string, unknown>): DenylistEntry {
    const parsed = denylistEntrySchema.safeParse(candidate);
    if (!parsed.success) throw new StudioError('VALIDATION', formatZodIssues(parsed.error.issues));
    const entry = parsed.data;
    const rule = `value: must be ${denylistValueRules[entry.type]}`;
    if (entry.type === 'API' && !apiValue.test(entry.value))
      throw new StudioError('VALIDATION', rule);
    if (entry.type === 'USER' && /\s/.test(entry.value)) throw new StudioError('VALIDATION', rule);
    if (
      entry.type === 'APPLICATION' &&
      !this.db.prepare('SELECT 1 FROM applications WHERE id = ?').get(entry.value)
    )
      throw new StudioError(
        'VALIDATION',
        `value: no application with id ${JSON.stringify(entry.value)}; must be ${denylistValueRules.APPLICATION}`,
      );
    return entry;
  }

  /**
   * Sends one change to the running gateway. A refusal (say, the entry is already
   * there because a redeploy carried it) is logged, not thrown: the store is the
   * truth and the next deploy converges the gateway on it.
   */
  private async apply(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<boolean> {
    if (!this.gateway) return false;
    try {
      const result = await this.gateway.admin(method, path, body);
      if (!result) return false;
      if (result.status >= 200 && result.status < 300) return true;
      this.log('warn', `the gateway answered ${result.status} to ${method} ${path}`);
      return false;
    } catch (error) {
      this.log('warn', `applying a denylist change to the gateway: ${String(error)}`);
      return false;
    }
  }
}
