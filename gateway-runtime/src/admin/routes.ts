/**
 * The admin API's routes (DESIGN.md section 9). Each handler validates its input,
 * calls the deployment control or a store, and returns `[status, body]`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AnalyticsStore } from '../stores/analytics-store.js';
import { GatewayError } from '../errors.js';
import { denylistEntrySchema, subscriptionStatus } from '../model/bundle.js';
import type { GatewayMetrics } from '../metrics.js';
import type { DeploymentControl } from '../runtime/control.js';
import { counterKeys, type CounterStore } from '../stores/counter-store.js';
import type { DeploymentStore } from '../stores/deployment-store.js';
import type { SecretStore } from '../stores/secret-store.js';
import { readBody, validate } from './http.js';
import { denylistQuery, eventsQuery, queryObject, summaryQuery } from './queries.js';
import { trafficRoutes } from './traffic-routes.js';
import { sequenceRoutes } from './sequences-run.js';
import type { TrafficRecorder } from '../traffic/recorder.js';
import type { Dispatcher } from 'undici';
import type { Logger } from '../logger.js';

/** What a route returns: a status and a JSON body, or text for metrics. */
export type RouteResult = { status: number; body?: unknown; text?: string; contentType?: string };

export type RouteHandler = (
  req: IncomingMessage,
  params: Record<string, string>,
) => RouteResult | Promise<RouteResult>;

export interface AdminServices {
  control: DeploymentControl;
  deployments: DeploymentStore;
  analytics: AnalyticsStore;
  secrets: SecretStore;
  counters: CounterStore;
  metrics: GatewayMetrics;
  /** The traffic log; without it `GET /admin/v1/traffic` answers 404. */
  traffic?: TrafficRecorder | null;
  /** HTTP client and log of `POST /admin/v1/sequences/run` (default: undici's global one, silent). */
  dispatcher?: Dispatcher;
  logger?: Logger;
  /** Extra health fields (`redis: "up" | "down"` when counters are shared). */
  health?: () => Record<string, unknown>;
  /** Told after an application's counters were cleared here, to clear them on other nodes. */
  onThrottleReset?: (applicationId: string) => void;
}

const secretName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be 1-200 letters, digits, ".", "_" or "-"');
const secretBody = z.strictObject({ value: z.string().min(1, 'must be a non-empty string') });
const subscriptionPatch = z
  .strictObject({ plan: z.string().min(1).optional(), status: subscriptionStatus.optional() })
  .refine(
    (p) => p.plan !== undefined || p.status !== undefined,
    'must hold "plan", "status" or both',
  );
const denylistPatch = z.strictObject({ enabled: z.boolean() });

/** Every admin route as `METHOD path` → handler. */
export function adminRoutes(s: AdminServices): Record<string, RouteHandler> {
  return {
    'GET /admin/v1/health': () => ({
      status: 200,
      body: { status: 'ok', revision: s.control.bundle()?.revision ?? null, ...s.health?.() },
    }),

    'GET /admin/v1/bundle': () => {
      const bundle = s.control.bundle();
      if (!bundle) throw new GatewayError('NO_DEPLOYMENT');
      return { status: 200, body: bundle };
    },
    'PUT /admin/v1/bundle': async (req) => {
      if (s.control.immutable) throw new GatewayError('IMMUTABLE_GATEWAY');
      const result = s.control.deploy(await readBody(req));
      if (!result.ok) {
        const description = result.issues
          .slice(0, 5)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ');
        throw new GatewayError('BUNDLE_INVALID', description, undefined, result.issues);
      }
      return {
        status: 200,
        body: {
          status: 'deployed',
          revision: result.revision,
          previousRevision: result.previousRevision,
        },
      };
    },
    'DELETE /admin/v1/bundle': () => {
      s.control.undeploy();
      return { status: 200, body: { status: 'undeployed', revision: null } };
    },
    'POST /admin/v1/rollback': () => {
      const { revision } = s.control.rollback();
      return { status: 200, body: { status: 'rolled-back', revision } };
    },
    'GET /admin/v1/deployments': () => ({
      status: 200,
      body: {
        current: s.control.bundle()?.revision ?? null,
        deployments: s.control.immutable ? [] : s.deployments.list(),
      },
    }),

    'GET /admin/v1/secrets': () => ({
      status: 200,
      body: { secrets: s.secrets.list().map((name) => ({ name })) },
    }),
    'PUT /admin/v1/secrets/:name': async (req, params) => {
      const name = validate(secretName, params.name);
      const { value } = validate(secretBody, await readBody(req));
      s.secrets.set(name, value);
      return { status: 200, body: { name } };
    },
    'DELETE /admin/v1/secrets/:name': (_req, params) => {
      if (!s.secrets.delete(params.name ?? ''))
        throw new GatewayError('ADMIN_NOT_FOUND', `No secret ${params.name}`);
      return { status: 204 };
    },

    'GET /admin/v1/analytics/events': (req) => {
      const q = validate(eventsQuery, queryObject(req.url ?? ''));
      return {
        status: 200,
        body: {
          events: s.analytics.events({
            ...(q.since !== undefined && { since: q.since }),
            ...(q.limit !== undefined && { limit: q.limit }),
          }),
        },
      };
    },
    'GET /admin/v1/analytics/summary': (req) => {
      const q = validate(summaryQuery, queryObject(req.url ?? ''));
      return { status: 200, body: s.analytics.summary(q) };
    },

    'POST /admin/v1/applications/:id/reset-throttle': async (_req, params) => {
      const id = params.id ?? '';
      if (!s.control.bundle()?.applications.some((a) => a.id === id))
        throw new GatewayError('ADMIN_NOT_FOUND', `No application ${id}`);
      const cleared = await s.counters.deleteByPrefix(counterKeys.applicationPrefix(id));
      s.onThrottleReset?.(id);
      return { status: 200, body: { applicationId: id, cleared } };
    },
    'PATCH /admin/v1/subscriptions/:id': async (req, params) => {
      const patch = validate(subscriptionPatch, await readBody(req));
      return { status: 200, body: s.control.patchSubscription(params.id ?? '', patch) };
    },

    'GET /admin/v1/denylist': (req) => {
      const q = validate(denylistQuery, queryObject(req.url ?? ''));
      return { status: 200, body: { entries: s.control.listDenylist(q) } };
    },
    'POST /admin/v1/denylist': async (req) => {
      const body = await readBody(req);
      // The id is optional on create: generate one, then validate the entry as the bundle would.
      const withId =
        body && typeof body === 'object' && !Array.isArray(body) && !('id' in body)
          ? { ...body, id: `d-${randomUUID()}` }
          : body;
      const entry = validate(denylistEntrySchema, withId);
      return { status: 201, body: s.control.addDenylist(entry) };
    },
    'PATCH /admin/v1/denylist/:id': async (req, params) => {
      const patch = validate(denylistPatch, await readBody(req));
      return { status: 200, body: s.control.patchDenylist(params.id ?? '', patch) };
    },
    'DELETE /admin/v1/denylist/:id': (_req, params) => {
      s.control.deleteDenylist(params.id ?? '');
      return { status: 204 };
    },

    ...trafficRoutes(s.traffic ?? null),
    ...sequenceRoutes(s),

    'GET /metrics': async () => ({
      status: 200,
      text: await s.metrics.text(),
      contentType: s.metrics.registry.contentType,
    }),
  };
}
