/**
 * Subscriptions of applications to APIs under a plan, in SQLite. `apiId` is the
 * workspace's API id (`PetStore-1.0.0`), the id the studio shows everywhere; the
 * bundle builder maps it to the bundle's API id. A subscription created with
 * approval pending is `ON_HOLD` (the gateway answers 403) until approved
 * (`UNBLOCKED`) or rejected (`REJECTED`).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../errors.js';
import type { ChangeSignal } from './changes.js';
import { defaultPolicyNames, type PolicyNameSource } from './default-policies.js';

export const subscriptionStatuses = [
  'UNBLOCKED',
  'ON_HOLD',
  'BLOCKED',
  'PROD_ONLY_BLOCKED',
  'REJECTED',
] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A subscription as listed. */
export interface SubscriptionView {
  id: string;
  applicationId: string;
  applicationName: string;
  /** Workspace API id, e.g. `PetStore-1.0.0`. */
  apiId: string;
  plan: string;
  status: SubscriptionStatus;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  application_id: string;
  application_name: string;
  api_id: string;
  plan: string;
  status: SubscriptionStatus;
  created_at: string;
  updated_at: string;
}

const select = `SELECT s.*, a.name AS application_name FROM subscriptions s
  JOIN applications a ON a.id = s.application_id`;

function view(row: Row): SubscriptionView {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationName: row.application_name,
    apiId: row.api_id,
    plan: row.plan,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SubscriptionsService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeSignal,
    private readonly now: () => Date = () => new Date(),
    /** Plan names it accepts: the workspace's subscription policy files. */
    private readonly policyNames: PolicyNameSource = defaultPolicyNames,
  ) {}

  list(filter: { applicationId?: string; apiId?: string } = {}): SubscriptionView[] {
    const rows = this.db
      .prepare(
        `${select} WHERE (@app IS NULL OR s.application_id = @app) AND (@api IS NULL OR s.api_id = @api)
         ORDER BY a.name COLLATE NOCASE, s.api_id`,
      )
      .all({ app: filter.applicationId ?? null, api: filter.apiId ?? null }) as Row[];
    return rows.map(view);
  }

  /** Subscriptions waiting for approval, oldest first: the approval queue. */
  pending(): SubscriptionView[] {
    const rows = this.db
      .prepare(`${select} WHERE s.status = 'ON_HOLD' ORDER BY s.created_at, s.id`)
      .all() as Row[];
    return rows.map(view);
  }

  get(id: string): SubscriptionView {
    const row = this.db.prepare(`${select} WHERE s.id = ?`).get(id) as Row | undefined;
    if (!row) throw new StudioError('NOT_FOUND', `id: no subscription ${JSON.stringify(id)}`);
    return view(row);
  }

  /** Subscribes; `requireApproval` puts the subscription ON_HOLD until approved. */
  create(input: {
    applicationId: string;
    apiId: string;
    plan: string;
    requireApproval?: boolean;
  }): SubscriptionView {
    if (!this.db.prepare('SELECT 1 FROM applications WHERE id = ?').get(input.applicationId)) {
      throw new StudioError(
        'NOT_FOUND',
        `applicationId: no application ${JSON.stringify(input.applicationId)}`,
      );
    }
    if (input.apiId.trim() === '')
      throw new StudioError(
        'VALIDATION',
        'apiId: name the API to subscribe to (e.g. PetStore-1.0.0)',
      );
    this.checkPlan(input.plan);
    const existing = this.db
      .prepare('SELECT id FROM subscriptions WHERE application_id = ? AND api_id = ?')
      .get(input.applicationId, input.apiId) as { id: string } | undefined;
    if (existing) {
      throw new StudioError(
        'CONFLICT',
        `apiId: the application is already subscribed to ${input.apiId} (subscription ${existing.id}); change its status instead`,
      );
    }
    const id = `sub-${randomUUID()}`;
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, application_id, api_id, plan, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.applicationId,
        input.apiId,
        input.plan,
        input.requireApproval ? 'ON_HOLD' : 'UNBLOCKED',
        at,
        at,
      );
    this.changes.emit();
    return this.get(id);
  }

  private checkPlan(plan: string): void {
    const names = this.policyNames.subscription();
    if (!names.includes(plan)) {
      throw new StudioError(
        'VALIDATION',
        `plan: unknown subscription plan ${JSON.stringify(plan)}; must be one of ${names.map((p) => `"${p}"`).join(', ')}`,
      );
    }
  }

  /**
   * Moves a live subscription to another plan, in place (same id, same status); the
   * redeploy that follows counts the next request under the new plan.
   */
  changePlan(id: string, plan: string): SubscriptionView {
    const current = this.get(id);
    this.checkPlan(plan);
    if (current.plan === plan) return current;
    this.db
      .prepare('UPDATE subscriptions SET plan = ?, updated_at = ? WHERE id = ?')
      .run(plan, this.now().toISOString(), id);
    this.changes.emit();
    return this.get(id);
  }

  /**
   * Approves (`UNBLOCKED`), rejects (`REJECTED`), blocks (`BLOCKED`,
   * `PROD_ONLY_BLOCKED`) or holds a subscription. Rejecting is for pending ones only:
   * a live subscription is blocked instead, which can be undone.
   */
  setStatus(id: string, status: SubscriptionStatus): SubscriptionView {
    const current = this.get(id);
    if (status === 'REJECTED' && current.status !== 'ON_HOLD') {
      throw new StudioError(
        'VALIDATION',
        `status: only a subscription ON_HOLD can be rejected (this one is ${current.status}); block it with BLOCKED or PROD_ONLY_BLOCKED`,
      );
    }
    if (current.status === status) return current;
    this.db
      .prepare('UPDATE subscriptions SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, this.now().toISOString(), id);
    this.changes.emit();
    return this.get(id);
  }

  /** Every subscription in the shape the bundle builder needs (workspace API ids). */
  forBundle(): {
    id: string;
    applicationId: string;
    apiId: string;
    plan: string;
    status: SubscriptionStatus;
  }[] {
    return (
      this.db
        .prepare('SELECT id, application_id, api_id, plan, status FROM subscriptions ORDER BY id')
        .all() as Pick<Row, 'id' | 'application_id' | 'api_id' | 'plan' | 'status'>[]
    ).map((r) => ({
      id: r.id,
      applicationId: r.application_id,
      apiId: r.api_id,
      plan: r.plan,
      status: r.status,
    }));
  }
}
