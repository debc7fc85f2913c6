/**
 * Publishing: push a revision of an API to every node of an environment, roll it
 * back, undeploy it, and read each node's state and analytics.
 *
 * Each node gets the whole environment bundle (every API deployed there, see
 * `compose.ts`): first the environment's secrets (`PUT /admin/v1/secrets/{name}`),
 * then the bundle (`PUT /admin/v1/bundle`), which the gateway swaps in atomically.
 * A node that refuses or cannot be reached keeps serving what it served, and is
 * reported; nodes that then disagree make the environment `diverged`.
 *
 * Rollback pushes the previous revision from the studio's history rather than
 * calling the gateway's `POST /admin/v1/rollback`: a node that missed the last push
 * would otherwise step back one revision too far, and a rollback must leave every
 * node on the same revision.
 */
import type { GatewayBundle, SummaryGroup } from '../../../gateway-runtime/src/index.js';
import { StudioError } from '../errors.js';
import type { RevisionsService } from '../revisions/revisions-service.js';
import { adoptServedApis, servedAccess } from './adopt.js';
import { AdminClient, describeRefusal, type AdminTarget } from './admin-client.js';
import { composeEnvironmentBundle, type AccessSnapshot } from './compose.js';
import type { DeploymentAction, DeploymentRecord, Deployments, NodeResult } from './deployments.js';
import type { Environment } from './environment-file.js';
import { requireSecret, resolveTarget, type SecretSource } from './node-targets.js';
import {
  deleteEnvironment,
  listEnvironments,
  readEnvironment,
  writeEnvironment,
  type EnvironmentProblem,
} from './environment-repo.js';

export type { SecretSource } from './node-targets.js';

export interface EnvironmentsServiceOptions {
  /** The open workspace's folder; null when none is open. */
  root: () => string | null;
  revisions: RevisionsService;
  deployments: Deployments;
  secrets: SecretSource;
  author: () => Promise<string>;
  /**
   * Applications, subscriptions, key managers and plans synced to every environment.
   * Without it (the `portico` command), a push keeps what the nodes already serve.
   */
  access?: () => Promise<AccessSnapshot>;
  now?: () => Date;
}

/** Progress of one node during a push, for a UI or a CLI to show as it happens. */
export interface NodeProgress {
  node: string;
  stage: 'secrets' | 'bundle' | 'done' | 'failed';
  message?: string;
}

/** What a push, rollback or undeploy did. */
export interface PushReport {
  environment: string;
  apiId: string;
  action: DeploymentAction;
  /** The API's revision the environment serves now (null after an undeploy). */
  revisionId: string | null;
  /** The environment bundle's revision pushed to the nodes (null: nothing left to serve). */
  bundleRevision: string | null;
  /** `deployed`: every node took it; `partial`: some did; `failed`: none did (nothing recorded). */
  outcome: 'deployed' | 'partial' | 'failed';
  nodes: NodeResult[];
}

/** One node's health as the environment view shows it. */
export interface NodeStatus {
  node: string;
  adminUrl: string;
  reachable: boolean;
  revision: string | null;
  error?: string;
}

export interface EnvironmentStatus {
  environment: string;
  /** `in-sync`: every node serves the same revision; `diverged`: they differ; `unreachable`: none answered. */
  state: 'in-sync' | 'diverged' | 'unreachable';
  nodes: NodeStatus[];
  /** API id -> revision, as the studio last deployed. */
  apis: { apiId: string; revisionId: string }[];
}

export type ProgressListener = (progress: NodeProgress) => void;

/** Progress of one node, with the operation it belongs to, for every listener of the service. */
export interface OperationProgress extends NodeProgress {
  environment: string;
  apiId: string;
  action: DeploymentAction;
}

export class EnvironmentsService {
  private readonly now: () => Date;
  private readonly progressListeners = new Set<(progress: OperationProgress) => void>();

  constructor(private readonly options: EnvironmentsServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Every node's progress of every push, rollback and undeploy (the studio's live view). */
  onProgress(listener: (progress: OperationProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => {
      this.progressListeners.delete(listener);
    };
  }

  list(): Promise<{ environments: Environment[]; problems: EnvironmentProblem[] }> {
    return listEnvironments(this.root());
  }

  get(name: string): Promise<Environment> {
    return readEnvironment(this.root(), name);
  }

  /** Validates and writes `environments/<name>.yaml`. */
  save(input: unknown): Promise<Environment> {
    return writeEnvironment(this.root(), input);
  }

  delete(name: string): Promise<void> {
    return deleteEnvironment(this.root(), name);
  }

  /** Deploys `revisionId` of an API (default: a new revision of it as it is on disk now). */
  async push(
    input: { environment: string; apiId: string; revisionId?: string; note?: string },
    onProgress?: ProgressListener,
  ): Promise<PushReport> {
    const revisionId =
      input.revisionId ??
      (await this.options.revisions.create(input.apiId, input.note)).revision.id;
    const revision = this.options.revisions.get(revisionId);
    if (revision.apiId !== input.apiId) {
      throw new StudioError(
        'VALIDATION',
        `revision: ${revisionId} is a revision of ${revision.apiId}, not of ${input.apiId}`,
      );
    }
    return this.apply(input.environment, input.apiId, revisionId, 'push', onProgress);
  }

  /** Back to the revision deployed before the current one. */
  async rollback(
    input: { environment: string; apiId: string },
    onProgress?: ProgressListener,
  ): Promise<PushReport> {
    const root = this.root();
    const previous = this.options.deployments.previous(root, input.environment, input.apiId);
    if (previous === null) {
      throw new StudioError(
        'NOT_FOUND',
        `rollback: ${input.apiId} has no earlier revision deployed to ${input.environment}`,
      );
    }
    return this.apply(input.environment, input.apiId, previous, 'rollback', onProgress);
  }

  /** Stops serving an API on the environment; the other APIs stay. */
  undeploy(
    input: { environment: string; apiId: string },
    onProgress?: ProgressListener,
  ): Promise<PushReport> {
    return this.apply(input.environment, input.apiId, null, 'undeploy', onProgress);
  }

  history(environment: string, apiId?: string): DeploymentRecord[] {
    return this.options.deployments.history(this.root(), environment, apiId);
  }

  async status(name: string): Promise<EnvironmentStatus> {
    const root = this.root();
    const environment = await readEnvironment(root, name);
    const nodes = await Promise.all(
      environment.nodes.map(async (node, index): Promise<NodeStatus> => {
        let target: AdminTarget;
        try {
          target = await resolveTarget(root, node, index, this.options.secrets);
        } catch (error) {
          // A missing secret or CA file: this node cannot be asked, the others still can.
          const message = error instanceof Error ? error.message : String(error);
          return {
            node: node.name,
            adminUrl: node.adminUrl,
            reachable: false,
            revision: null,
            error: message,
          };
        }
        const client = new AdminClient(target);
        try {
          const res = await client.call('GET', '/admin/v1/health');
          const body = res.body as { revision?: unknown } | null;
          if (res.status !== 200)
            return {
              node: target.name,
              adminUrl: target.adminUrl,
              reachable: true,
              revision: null,
              error: describeRefusal(res),
            };
          const revision = typeof body?.revision === 'string' ? body.revision : null;
          return { node: target.name, adminUrl: target.adminUrl, reachable: true, revision };
        } catch (error) {
          return {
            node: target.name,
            adminUrl: target.adminUrl,
            reachable: false,
            revision: null,
            error: String(error instanceof Error ? error.message : error),
          };
        } finally {
          client.close();
        }
      }),
    );
    const answered = nodes.filter((n) => n.reachable && n.error === undefined);
    const revisions = new Set(
      nodes.map((n) => (n.error === undefined ? n.revision : `!${n.node}`)),
    );
    const state =
      answered.length === 0 ? 'unreachable' : revisions.size === 1 ? 'in-sync' : 'diverged';
    const active = this.options.deployments.active(root, name);
    return {
      environment: name,
      state,
      nodes,
      apis: [...active].map(([apiId, revisionId]) => ({ apiId, revisionId })),
    };
  }

  /** Each node's analytics summary (`GET /admin/v1/analytics/summary`). */
  async analytics(
    name: string,
    query: { groupBy: SummaryGroup; from?: string; to?: string },
  ): Promise<{ node: string; summary: unknown; error?: string }[]> {
    const root = this.root();
    const targets = await this.targets(root, await readEnvironment(root, name));
    const params = new URLSearchParams({ groupBy: query.groupBy });
    if (query.from) params.set('from', query.from);
    if (query.to) params.set('to', query.to);
    return Promise.all(
      targets.map(async (target) => {
        const client = new AdminClient(target);
        try {
          const res = await client.call('GET', `/admin/v1/analytics/summary?${params}`);
          if (res.status !== 200)
            return { node: target.name, summary: null, error: describeRefusal(res) };
          return { node: target.name, summary: res.body };
        } catch (error) {
          return {
            node: target.name,
            summary: null,
            error: error instanceof Error ? error.message : String(error),
          };
        } finally {
          client.close();
        }
      }),
    );
  }

  private root(): string {
    const root = this.options.root();
    if (root === null) throw new StudioError('NO_WORKSPACE', 'open a workspace first');
    return root;
  }

  private async apply(
    name: string,
    apiId: string,
    revisionId: string | null,
    action: DeploymentAction,
    onNodeProgress: ProgressListener = () => undefined,
  ): Promise<PushReport> {
    const onProgress: ProgressListener = (progress) => {
      onNodeProgress(progress);
      for (const listener of [...this.progressListeners]) {
        listener({ ...progress, environment: name, apiId, action });
      }
    };
    const root = this.root();
    const environment = await readEnvironment(root, name);
    const targets = await this.targets(root, environment);
    const secrets = environment.secrets.map((secret) => ({
      name: secret,
      value: this.secret(secret, 'secrets'),
    }));

    await adoptServedApis({
      root,
      environment: name,
      targets,
      revisions: this.options.revisions,
      deployments: this.options.deployments,
      author: await this.options.author(),
      at: this.now().toISOString(),
    });
    const desired = this.options.deployments.active(root, name);
    if (revisionId === null) desired.delete(apiId);
    else desired.set(apiId, revisionId);
    const deployed = [...desired].map(([id, rev]) => ({
      apiId: id,
      bundle: this.options.revisions.get(rev).bundle,
    }));
    const bundle =
      deployed.length === 0
        ? null
        : composeEnvironmentBundle(
            environment,
            deployed,
            this.options.access ? await this.options.access() : await servedAccess(targets),
          );

    const results = await Promise.all(
      targets.map((target) => this.deployTo(target, secrets, bundle, onProgress)),
    );
    const succeeded = results.filter((r) => r.ok).length;
    const outcome =
      succeeded === results.length ? 'deployed' : succeeded === 0 ? 'failed' : 'partial';
    const report: PushReport = {
      environment: name,
      apiId,
      action,
      revisionId,
      bundleRevision: bundle?.revision ?? null,
      outcome,
      nodes: results,
    };
    // Nothing changed anywhere when every node refused: the history keeps the old state.
    if (outcome !== 'failed') {
      this.options.deployments.add(root, {
        environment: name,
        apiId,
        revisionId,
        action,
        author: await this.options.author(),
        at: this.now().toISOString(),
        bundleRevision: report.bundleRevision,
        results,
      });
    }
    return report;
  }

  private async deployTo(
    target: AdminTarget,
    secrets: readonly { name: string; value: string }[],
    bundle: GatewayBundle | null,
    onProgress: ProgressListener,
  ): Promise<NodeResult> {
    const client = new AdminClient(target);
    const fail = (error: string): NodeResult => {
      onProgress({ node: target.name, stage: 'failed', message: error });
      return { node: target.name, ok: false, revision: null, error };
    };
    try {
      onProgress({ node: target.name, stage: 'secrets' });
      for (const secret of secrets) {
        const res = await client.call(
          'PUT',
          `/admin/v1/secrets/${encodeURIComponent(secret.name)}`,
          { value: secret.value },
        );
        if (res.status !== 200) return fail(`secret ${secret.name}: ${describeRefusal(res)}`);
      }
      onProgress({ node: target.name, stage: 'bundle' });
      const res = bundle
        ? await client.call('PUT', '/admin/v1/bundle', bundle)
        : await client.call('DELETE', '/admin/v1/bundle');
      if (res.status !== 200) return fail(`bundle: ${describeRefusal(res)}`);
      onProgress({ node: target.name, stage: 'done' });
      return { node: target.name, ok: true, revision: bundle?.revision ?? null };
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    } finally {
      client.close();
    }
  }

  private secret(name: string, field: string): string {
    return requireSecret(this.options.secrets, name, field);
  }

  private targets(root: string, environment: Environment): Promise<AdminTarget[]> {
    return Promise.all(
      environment.nodes.map((node, index) =>
        resolveTarget(root, node, index, this.options.secrets),
      ),
    );
  }
}
