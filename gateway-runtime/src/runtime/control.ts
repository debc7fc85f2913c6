/**
 * What the admin API and the library change at run time: deploy (an atomic swap of
 * the compiled deployment), undeploy, rollback, and in-place edits of subscriptions
 * and the denylist. Mutable gateways persist every change in the deployment store;
 * an immutable gateway (started from a bundle file) refuses deploys and keeps
 * subscription and denylist edits in memory.
 *
 * Admin edits of subscriptions and the denylist are reported through `onEdit`, so a
 * cluster (`sync/`) can replay them on every other node with `applyEdit`.
 */
import { randomUUID } from 'node:crypto';
import { GatewayError } from '../errors.js';
import type {
  DenylistEntry,
  GatewayBundle,
  Subscription,
  SubscriptionStatus,
} from '../model/bundle.js';
import { parseBundle, type BundleIssue } from '../model/parse.js';
import type { DeploymentStore } from '../stores/deployment-store.js';
import {
  compileDeployment,
  withDenylist,
  withSubscriptions,
  type CompileOptions,
  type Deployment,
} from './deployment.js';

export type DeployResult =
  | { ok: true; revision: string; previousRevision: string | null }
  | { ok: false; issues: BundleIssue[] };

/** Filters of `GET /admin/v1/denylist`. */
export interface DenylistFilter {
  type?: DenylistEntry['type'];
  value?: string;
  enabled?: boolean;
}

/** An in-place edit of the served deployment, as other nodes of a cluster replay it. */
export type ControlEdit =
  | { type: 'denylist.add'; entry: DenylistEntry }
  | { type: 'denylist.patch'; id: string; enabled: boolean }
  | { type: 'denylist.delete'; id: string }
  | {
      type: 'subscription.patch';
      id: string;
      plan?: string | undefined;
      status?: SubscriptionStatus | undefined;
    };

export interface ControlOptions {
  store: DeploymentStore;
  immutable: boolean;
  compile: CompileOptions;
  /** Told about every change of the served revision. */
  onChange?: (revision: string | null) => void;
  /** Told about every admin edit made on this node (not about edits replayed with `applyEdit`). */
  onEdit?: (edit: ControlEdit) => void;
}

export class DeploymentControl {
  private deployment: Deployment | null = null;

  constructor(private readonly options: ControlOptions) {}

  /** The deployment new requests start on. */
  current(): Deployment | null {
    return this.deployment;
  }

  bundle(): GatewayBundle | null {
    return this.deployment?.bundle ?? null;
  }

  get immutable(): boolean {
    return this.options.immutable;
  }

  /** Serves a bundle without recording it (the immutable bundle, or the stored current one on start). */
  serve(bundle: GatewayBundle | null): void {
    this.swap(bundle ? compileDeployment(bundle, this.options.compile) : null);
  }

  /** Validates, compiles and atomically swaps in a bundle; persisted as the new current deployment. */
  deploy(input: unknown): DeployResult {
    this.assertMutable();
    const parsed = parseBundle(input);
    if (!parsed.ok) return parsed;
    const previousRevision = this.deployment?.bundle.revision ?? null;
    const next = compileDeployment(parsed.bundle, this.options.compile);
    this.options.store.push(parsed.bundle);
    this.swap(next);
    return { ok: true, revision: parsed.bundle.revision, previousRevision };
  }

  undeploy(): void {
    this.assertMutable();
    this.options.store.push(null);
    this.swap(null);
  }

  /** Back to the deployment before the current one. */
  rollback(): { revision: string | null } {
    this.assertMutable();
    const record = this.options.store.rollback();
    if (!record) throw new GatewayError('NO_PREVIOUS_REVISION');
    const parsed = record.bundle ? parseBundle(record.bundle) : null;
    if (parsed && !parsed.ok) {
      throw new GatewayError(
        'BUNDLE_INVALID',
        'The previous revision no longer validates',
        undefined,
        parsed.issues,
      );
    }
    this.swap(parsed ? compileDeployment(parsed.bundle, this.options.compile) : null);
    return { revision: record.revision };
  }

  patchSubscription(
    id: string,
    patch: { plan?: string | undefined; status?: SubscriptionStatus | undefined },
  ): Subscription {
    const deployment = this.require();
    const subscriptions = deployment.bundle.subscriptions;
    const index = subscriptions.findIndex((s) => s.id === id);
    const existing = subscriptions[index];
    if (!existing) throw new GatewayError('ADMIN_NOT_FOUND', `No subscription ${id}`);
    const updated: Subscription = {
      ...existing,
      ...(patch.plan ? { plan: patch.plan } : {}),
      ...(patch.status ? { status: patch.status } : {}),
    };
    const next = subscriptions.map((s, i) => (i === index ? updated : s));
    this.validate({ ...deployment.bundle, subscriptions: next });
    this.replace(withSubscriptions(deployment, next));
    this.options.onEdit?.({
      type: 'subscription.patch',
      id,
      plan: patch.plan,
      status: patch.status,
    });
    return updated;
  }

  listDenylist(filter: DenylistFilter = {}): DenylistEntry[] {
    return (this.deployment?.bundle.denylist ?? []).filter(
      (e) =>
        (filter.type === undefined || e.type === filter.type) &&
        (filter.value === undefined || e.value === filter.value) &&
        (filter.enabled === undefined || e.enabled === filter.enabled),
    );
  }

  addDenylist(entry: Omit<DenylistEntry, 'id'> & { id?: string | undefined }): DenylistEntry {
    const deployment = this.require();
    const created: DenylistEntry = { ...entry, id: entry.id ?? `d-${randomUUID()}` };
    if (deployment.bundle.denylist.some((e) => e.id === created.id)) {
      throw new GatewayError(
        'ADMIN_BAD_REQUEST',
        `Denylist entry ${created.id} already exists`,
        undefined,
        [{ path: 'id', message: 'must be unique' }],
      );
    }
    const next = [...deployment.bundle.denylist, created];
    this.validate({ ...deployment.bundle, denylist: next });
    this.replace(withDenylist(deployment, next));
    this.options.onEdit?.({ type: 'denylist.add', entry: created });
    return created;
  }

  patchDenylist(id: string, patch: { enabled: boolean }): DenylistEntry {
    const deployment = this.require();
    const existing = deployment.bundle.denylist.find((e) => e.id === id);
    if (!existing) throw new GatewayError('ADMIN_NOT_FOUND', `No denylist entry ${id}`);
    const updated = { ...existing, enabled: patch.enabled };
    this.replace(
      withDenylist(
        deployment,
        deployment.bundle.denylist.map((e) => (e.id === id ? updated : e)),
      ),
    );
    this.options.onEdit?.({ type: 'denylist.patch', id, enabled: patch.enabled });
    return updated;
  }

  deleteDenylist(id: string): void {
    const deployment = this.require();
    if (!deployment.bundle.denylist.some((e) => e.id === id))
      throw new GatewayError('ADMIN_NOT_FOUND', `No denylist entry ${id}`);
    this.replace(
      withDenylist(
        deployment,
        deployment.bundle.denylist.filter((e) => e.id !== id),
      ),
    );
    this.options.onEdit?.({ type: 'denylist.delete', id });
  }

  /**
   * Replays an edit made on another node. Idempotent and forgiving, since nodes may
   * serve different revisions: an added entry replaces one with the same id, and an
   * edit of something this node does not have is ignored. Returns whether it applied.
   */
  applyEdit(edit: ControlEdit): boolean {
    const deployment = this.deployment;
    if (!deployment) return false;
    const { denylist, subscriptions } = deployment.bundle;
    switch (edit.type) {
      case 'denylist.add': {
        const next = [...denylist.filter((e) => e.id !== edit.entry.id), edit.entry];
        this.validate({ ...deployment.bundle, denylist: next });
        this.replace(withDenylist(deployment, next));
        return true;
      }
      case 'denylist.patch':
        if (!denylist.some((e) => e.id === edit.id)) return false;
        this.replace(
          withDenylist(
            deployment,
            denylist.map((e) => (e.id === edit.id ? { ...e, enabled: edit.enabled } : e)),
          ),
        );
        return true;
      case 'denylist.delete':
        if (!denylist.some((e) => e.id === edit.id)) return false;
        this.replace(
          withDenylist(
            deployment,
            denylist.filter((e) => e.id !== edit.id),
          ),
        );
        return true;
      case 'subscription.patch': {
        const existing = subscriptions.find((s) => s.id === edit.id);
        if (!existing) return false;
        const updated: Subscription = {
          ...existing,
          ...(edit.plan ? { plan: edit.plan } : {}),
          ...(edit.status ? { status: edit.status } : {}),
        };
        const next = subscriptions.map((s) => (s.id === edit.id ? updated : s));
        this.validate({ ...deployment.bundle, subscriptions: next });
        this.replace(withSubscriptions(deployment, next));
        return true;
      }
    }
  }

  /** Stops serving; the deployment's resources are freed once its last request ends. */
  close(): void {
    this.swap(null);
  }

  private validate(bundle: GatewayBundle): void {
    const parsed = parseBundle(bundle);
    if (!parsed.ok)
      throw new GatewayError(
        'ADMIN_BAD_REQUEST',
        parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        undefined,
        parsed.issues,
      );
  }

  private require(): Deployment {
    if (!this.deployment) throw new GatewayError('NO_DEPLOYMENT');
    return this.deployment;
  }

  private assertMutable(): void {
    if (this.options.immutable) throw new GatewayError('IMMUTABLE_GATEWAY');
  }

  /** A derived deployment (same resources) with edited subscriptions or denylist. */
  private replace(next: Deployment): void {
    this.deployment = next;
    if (!this.options.immutable) this.options.store.replaceCurrent(next.bundle);
  }

  private swap(next: Deployment | null): void {
    const previous = this.deployment;
    this.deployment = next;
    if (previous && previous.resources !== next?.resources) previous.resources.retire();
    this.options.onChange?.(next?.bundle.revision ?? null);
  }
}
