/**
 * Revisions: immutable, content-addressed snapshots of one API and what it needs,
 * each a complete gateway bundle (DESIGN.md section 3). The id is `r-` and a hash
 * of the canonical bundle without its `revision`, so the same API content is the
 * same revision on every machine (a CI pipeline and the studio agree on ids).
 */
import type { Database } from 'better-sqlite3';
import { parseBundle, type GatewayBundle } from '../../../gateway-runtime/src/index.js';
import { buildBundle } from '../bundle-builder.js';
import { keepNamed } from './keep-named.js';
import type { RevisionResources } from './workspace-resources.js';
import { StudioError } from '../errors.js';
import type { ApiRecord } from '../workspace/api-files.js';
import { contentId } from './canonical.js';
import { diffRevisions, type RevisionDiff } from './diff.js';

/** One revision as lists show it (without its bundle). */
export interface RevisionInfo {
  id: string;
  /** The workspace API id, `<Name>-<version>`. */
  apiId: string;
  author: string;
  /** ISO 8601. */
  createdAt: string;
  note: string;
}

/** A revision with its bundle. */
export interface Revision extends RevisionInfo {
  bundle: GatewayBundle;
}

export interface RevisionsServiceOptions {
  db: Database;
  /** The open workspace's APIs, as read from disk. */
  apis: () => readonly ApiRecord[];
  /**
   * The workspace's sequences, AI vendors and plans; a revision keeps those its API
   * names. Without it, a revision holds only the API (an API naming a sequence or a
   * custom vendor then cannot become one).
   */
  resources?: () => Promise<RevisionResources>;
  author: () => Promise<string>;
  now?: () => Date;
}

interface Row {
  id: string;
  api_id: string;
  author: string;
  created_at: string;
  note: string;
  bundle: string;
}

function info(row: Row): RevisionInfo {
  return {
    id: row.id,
    apiId: row.api_id,
    author: row.author,
    createdAt: row.created_at,
    note: row.note,
  };
}

/**
 * The bundle of one API and what it names (its sequences, AI vendors, plans and
 * throttling policies), with its content-addressed revision id.
 */
export function revisionBundle(api: ApiRecord, resources: RevisionResources = {}): GatewayBundle {
  const built = buildBundle([api], {
    ...(resources.sequences && { sequences: resources.sequences }),
    ...(resources.aiVendors && { aiVendors: resources.aiVendors }),
  });
  if (!built.ok) {
    throw new StudioError(
      'VALIDATION',
      `API ${api.id} cannot become a revision: ${built.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  const { revision: _local, ...content } = keepNamed(built.bundle, resources.policies);
  return { ...content, revision: contentId('r-', content) } as GatewayBundle;
}

export class RevisionsService {
  private readonly now: () => Date;

  constructor(private readonly options: RevisionsServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Snapshots an API as it is on disk now. The same content gives back the existing
   * revision (`created: false`): content-addressed ids cannot hold two notes.
   */
  async create(apiId: string, note = ''): Promise<{ revision: RevisionInfo; created: boolean }> {
    const api = this.options.apis().find((a) => a.id === apiId);
    if (!api) throw new StudioError('NOT_FOUND', `apiId: no API "${apiId}" in the workspace`);
    const bundle = revisionBundle(api, (await this.options.resources?.()) ?? {});
    const existing = this.row(bundle.revision);
    if (existing) return { revision: info(existing), created: false };
    const row: Row = {
      id: bundle.revision,
      api_id: apiId,
      author: await this.options.author(),
      created_at: this.now().toISOString(),
      note,
      bundle: JSON.stringify(bundle),
    };
    this.options.db
      .prepare(
        `INSERT OR IGNORE INTO revisions (id, api_id, author, created_at, note, bundle)
         VALUES (@id, @api_id, @author, @created_at, @note, @bundle)`,
      )
      .run(row);
    return { revision: info(this.row(row.id) ?? row), created: true };
  }

  /**
   * Records a bundle made elsewhere (an API a gateway already serves) as a revision of
   * `apiId`; its id is recomputed from its content, so a tampered id cannot stick.
   */
  adopt(apiId: string, bundle: GatewayBundle, author: string, note: string): RevisionInfo {
    const { revision: _given, ...content } = bundle;
    const id = contentId('r-', content);
    const existing = this.row(id);
    if (existing) return info(existing);
    const row: Row = {
      id,
      api_id: apiId,
      author,
      created_at: this.now().toISOString(),
      note,
      bundle: JSON.stringify({ ...bundle, revision: id }),
    };
    this.options.db
      .prepare(
        `INSERT OR IGNORE INTO revisions (id, api_id, author, created_at, note, bundle)
         VALUES (@id, @api_id, @author, @created_at, @note, @bundle)`,
      )
      .run(row);
    return info(row);
  }

  /** An API's revisions, newest first. */
  list(apiId: string): RevisionInfo[] {
    const rows = this.options.db
      .prepare('SELECT * FROM revisions WHERE api_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(apiId) as Row[];
    return rows.map(info);
  }

  get(id: string): Revision {
    const row = this.row(id);
    if (!row) throw new StudioError('NOT_FOUND', `revision: no revision "${id}"`);
    const parsed = parseBundle(JSON.parse(row.bundle));
    if (!parsed.ok) {
      // Stored bundles were valid when written; a newer gateway model may refuse one.
      throw new StudioError(
        'VALIDATION',
        `revision ${id} no longer validates: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    }
    return { ...info(row), bundle: parsed.bundle };
  }

  /** Definition lines and settings that changed from one revision to another. */
  diff(from: string, to: string): RevisionDiff {
    return diffRevisions(this.get(from), this.get(to));
  }

  has(id: string): boolean {
    return this.row(id) !== undefined;
  }

  private row(id: string): Row | undefined {
    return this.options.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as
      Row | undefined;
  }
}
