/**
 * The one IPC contract between the renderer and the studio's services.
 *
 * Every call channel is declared once here with a zod schema for its request
 * and its response; every push event with a schema for its payload. Main
 * registers handlers from `channels`, the preload and the web host derive
 * their bridges from it, and the renderer's client is typed by it. Channel
 * names are `<domain>.<method>`: the preload exposes them as
 * `portico.<domain>.<method>()`.
 *
 * This file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

/** Errors cross IPC (and the web host) as plain objects, never as Error instances. */
export const ipcError = z.object({ code: z.string(), message: z.string() });
export type IpcError = z.infer<typeof ipcError>;

/** Result envelope used on the wire by both bridges. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

const empty = z.object({}).strict();

export const apiType = z.enum(['REST', 'GRAPHQL', 'ASYNC', 'SOAP', 'AI']);
export type ApiType = z.infer<typeof apiType>;

export const definitionFormat = z.enum(['openapi', 'graphql', 'asyncapi', 'wsdl']);
export type DefinitionFormat = z.infer<typeof definitionFormat>;

export const operation = z.object({
  method: z.string(),
  target: z.string(),
  summary: z.string().optional(),
});
export type Operation = z.infer<typeof operation>;

export const endpointSettings = z.object({
  production: z.string().nullable(),
  sandbox: z.string().nullable(),
});

/** An API as the explorer lists it. `id` is the apictl folder name, `<Name>-<version>`. */
export const apiSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  context: z.string(),
  type: apiType,
  definitionFormat: definitionFormat.nullable(),
  /** Folder relative to the workspace root, e.g. `apis/PetStore-1.0.0`. */
  path: z.string(),
  operationCount: z.number().int().nonnegative(),
});
export type ApiSummary = z.infer<typeof apiSummary>;

export const apiDetail = apiSummary.extend({
  isDefaultVersion: z.boolean(),
  operations: z.array(operation),
  endpoints: endpointSettings,
  definition: z
    .object({
      format: definitionFormat,
      /** Path relative to the workspace root, e.g. `apis/PetStore-1.0.0/Definitions/swagger.yaml`. */
      file: z.string(),
      /** Monaco language id: `yaml`, `json`, `graphql`, `xml`. */
      language: z.enum(['yaml', 'json', 'graphql', 'xml']),
      content: z.string(),
    })
    .nullable(),
});
export type ApiDetail = z.infer<typeof apiDetail>;

export const resourceKind = z.enum([
  'sequence',
  'application',
  'policy',
  'keyManager',
  'aiVendor',
  'environment',
]);
export type ResourceKind = z.infer<typeof resourceKind>;

/** A non-API workspace resource (one file each). */
export const resourceEntry = z.object({
  kind: resourceKind,
  name: z.string(),
  /** File relative to the workspace root. */
  path: z.string(),
});
export type ResourceEntry = z.infer<typeof resourceEntry>;

export const workspaceInfo = z.object({
  root: z.string(),
  name: z.string(),
  apis: z.array(apiSummary),
  resources: z.array(resourceEntry),
  /** Files that exist but could not be read, with why; shown, never dropped silently. */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfo>;

export const recentWorkspace = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
});
export type RecentWorkspace = z.infer<typeof recentWorkspace>;

export const gatewayState = z.enum(['stopped', 'starting', 'running', 'error']);

export const gatewayStatus = z.object({
  state: gatewayState,
  /** One URL per listener, as the gateway printed them, e.g. `http://127.0.0.1:8280`. */
  listeners: z.array(z.string()),
  adminUrl: z.string().nullable(),
  revision: z.string().nullable(),
  /** APIs served by the deployed revision. */
  apis: z.array(z.object({ id: z.string(), context: z.string(), version: z.string() })),
  error: z.string().nullable(),
});
export type GatewayStatus = z.infer<typeof gatewayStatus>;

export const appInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  userDataPath: z.string(),
});
export type AppInfo = z.infer<typeof appInfo>;

// The error option covers a missing or non-string path, so both read the same to the user.
const nonEmptyPath = z
  .string({ error: 'a folder path is required' })
  .min(1, 'a folder path is required');

// ---- Applications, keys, subscriptions and search ----

export const keyTypeSchema = z.enum(['PRODUCTION', 'SANDBOX'], {
  error: 'keyType: must be "PRODUCTION" or "SANDBOX"',
});

export const subscriptionStatusSchema = z.enum(
  ['UNBLOCKED', 'ON_HOLD', 'BLOCKED', 'PROD_ONLY_BLOCKED', 'REJECTED'],
  { error: 'status: must be one of UNBLOCKED, ON_HOLD, BLOCKED, PROD_ONLY_BLOCKED, REJECTED' },
);

const applicationIdField = z
  .string({ error: 'applicationId: the application id is required' })
  .min(1, 'applicationId: the application id is required');

/** An application as listed; API keys by metadata only (a raw key is shown once, at generation). */
export const applicationView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  throttlingPolicy: z.string().nullable(),
  createdAt: z.string(),
  apiKeys: z.array(z.object({ keyType: keyTypeSchema, createdAt: z.string() })),
  consumerKeys: z.array(
    z.object({ keyType: keyTypeSchema, keyManager: z.string(), consumerKey: z.string() }),
  ),
});
export type ApplicationView = z.infer<typeof applicationView>;

/** A subscription; `apiId` is the workspace API id (`PetStore-1.0.0`). */
export const subscriptionView = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationName: z.string(),
  apiId: z.string(),
  plan: z.string(),
  status: subscriptionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** A search hit; `snippet` marks each match with « and ». */
export const searchHit = z.object({
  apiId: z.string(),
  apiName: z.string(),
  kind: z.enum(['api', 'operation', 'text']),
  file: z.string(),
  line: z.number().int().positive(),
  snippet: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHit>;

// --- Revisions and environments (publishing) ---

/** A revision: an immutable, content-addressed snapshot of one API as a gateway bundle. */
export const revisionInfo = z.object({
  id: z.string(),
  apiId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  note: z.string(),
});
export type RevisionInfo = z.infer<typeof revisionInfo>;

export const revisionDiff = z.object({
  from: z.string(),
  to: z.string(),
  definition: z.array(z.object({ op: z.enum(['same', 'add', 'remove']), text: z.string() })),
  settings: z.array(
    z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
  ),
});
export type RevisionDiff = z.infer<typeof revisionDiff>;

/** An environment as `environments/<name>.yaml` holds it: secrets only by name. */
export const environmentConfig = z.object({
  name: z.string(),
  description: z.string().optional(),
  nodes: z.array(
    z.object({
      name: z.string(),
      adminUrl: z.string(),
      tokenSecret: z.string().optional(),
      tls: z
        .object({
          caFile: z.string().optional(),
          certFile: z.string().optional(),
          keySecret: z.string().optional(),
          rejectUnauthorized: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
  secrets: z.array(z.string()).optional(),
  endpoints: z
    .record(
      z.string(),
      z.object({ production: z.string().optional(), sandbox: z.string().optional() }),
    )
    .optional(),
});
export type EnvironmentConfig = z.infer<typeof environmentConfig>;

const nodeResult = z.object({
  node: z.string(),
  ok: z.boolean(),
  revision: z.string().nullable(),
  error: z.string().optional(),
});

export const pushReport = z.object({
  environment: z.string(),
  apiId: z.string(),
  action: z.enum(['push', 'rollback', 'undeploy']),
  revisionId: z.string().nullable(),
  bundleRevision: z.string().nullable(),
  outcome: z.enum(['deployed', 'partial', 'failed']),
  nodes: z.array(nodeResult),
});
export type PushReport = z.infer<typeof pushReport>;

export const environmentStatus = z.object({
  environment: z.string(),
  state: z.enum(['in-sync', 'diverged', 'unreachable']),
  nodes: z.array(
    z.object({
      node: z.string(),
      adminUrl: z.string(),
      reachable: z.boolean(),
      revision: z.string().nullable(),
      error: z.string().optional(),
    }),
  ),
  apis: z.array(z.object({ apiId: z.string(), revisionId: z.string() })),
});
export type EnvironmentStatus = z.infer<typeof environmentStatus>;

export const deploymentRecord = z.object({
  seq: z.number().int(),
  environment: z.string(),
  apiId: z.string(),
  revisionId: z.string().nullable(),
  action: z.enum(['push', 'rollback', 'undeploy']),
  author: z.string(),
  at: z.string(),
  bundleRevision: z.string().nullable(),
  results: z.array(nodeResult),
});

const environmentName = z
  .string({ error: 'environment: a name is required' })
  .min(1, 'environment: a name is required');
const apiIdField = z
  .string({ error: 'apiId: an API id is required' })
  .min(1, 'apiId: an API id is required');

/** Every call channel: request and response schemas. */
export const channels = {
  'app.info': { request: empty, response: appInfo },
  /** Open an http(s) URL the user clicked in the system browser; other schemes are refused. */
  'app.openExternal': { request: z.object({ url: z.string().url() }), response: z.null() },

  'workspace.current': { request: empty, response: workspaceInfo.nullable() },
  'workspace.open': { request: z.object({ path: nonEmptyPath }), response: workspaceInfo },
  /** Create a folder (or use an empty one) as a workspace; `sample` seeds it with the sample APIs. */
  'workspace.create': {
    request: z.object({ path: nonEmptyPath, sample: z.boolean() }),
    response: workspaceInfo,
  },
  'workspace.recent': { request: empty, response: z.array(recentWorkspace) },
  /** Native folder picker. The web host has none and answers `{ path: null }`. */
  'workspace.pickFolder': {
    request: z.object({ mode: z.enum(['open', 'create']) }),
    response: z.object({ path: z.string().nullable() }),
  },

  'apis.get': { request: z.object({ id: z.string().min(1) }), response: apiDetail },
  /**
   * Create an API from a definition document (pasted text or an opened file's content).
   * The format is detected; name, version and context come from the document unless given.
   */
  'apis.create': {
    request: z.object({
      content: z.string().min(1, 'the definition is empty'),
      fileName: z.string().optional(),
      name: z.string().optional(),
      version: z.string().optional(),
      context: z.string().optional(),
    }),
    response: apiSummary,
  },
  'apis.saveDefinition': {
    request: z.object({ id: z.string().min(1), content: z.string() }),
    response: apiDetail,
  },
  'apis.updateSettings': {
    request: z.object({
      id: z.string().min(1),
      context: z.string().optional(),
      isDefaultVersion: z.boolean().optional(),
      endpoints: endpointSettings.partial().optional(),
    }),
    response: apiDetail,
  },
  'apis.delete': { request: z.object({ id: z.string().min(1) }), response: z.null() },

  'gateway.status': { request: empty, response: gatewayStatus },
  'gateway.restart': { request: empty, response: gatewayStatus },

  'applications.list': { request: empty, response: z.array(applicationView) },
  'applications.create': {
    request: z.object({
      name: z
        .string({ error: 'name: an application name is required' })
        .trim()
        .min(1, 'name: an application name is required'),
      description: z.string().optional(),
      /** An application policy: Unlimited, 50PerMin, 20PerMin or 10PerMin. */
      throttlingPolicy: z.string().nullable().optional(),
    }),
    response: applicationView,
  },
  'applications.delete': { request: z.object({ id: applicationIdField }), response: z.null() },
  /** The raw key is in this response only; the studio keeps its SHA-256 hash. */
  'applications.generateApiKey': {
    request: z.object({ applicationId: applicationIdField, keyType: keyTypeSchema }),
    response: z.object({ apiKey: z.string(), keyType: keyTypeSchema }),
  },
  /** Maps an OAuth2 client at an external key manager (IS 7, Keycloak, ...) to the application. */
  'applications.registerConsumerKey': {
    request: z.object({
      applicationId: applicationIdField,
      keyManager: z
        .string({ error: 'keyManager: the key manager name is required' })
        .min(1, 'keyManager: the key manager name is required'),
      consumerKey: z
        .string({ error: 'consumerKey: the OAuth2 client id is required' })
        .min(1, 'consumerKey: the OAuth2 client id is required'),
      keyType: keyTypeSchema,
    }),
    response: applicationView,
  },
  /** A JWT from the studio's resident key manager, for trial traffic through the local gateway. */
  'applications.issueToken': {
    request: z.object({
      applicationId: applicationIdField,
      keyType: keyTypeSchema,
      scopes: z.array(z.string().min(1, 'scopes: a scope must be non-empty')).optional(),
      audience: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
      ttlSec: z
        .number()
        .int('ttlSec: must be a whole number of seconds')
        .min(1, 'ttlSec: must be from 1 to 86400')
        .max(86_400, 'ttlSec: must be from 1 to 86400')
        .optional(),
    }),
    response: z.object({
      accessToken: z.string(),
      tokenType: z.literal('Bearer'),
      expiresAt: z.string(),
      consumerKey: z.string(),
      scopes: z.array(z.string()),
    }),
  },

  'subscriptions.list': {
    request: z.object({ applicationId: z.string().optional(), apiId: z.string().optional() }),
    response: z.array(subscriptionView),
  },
  /** `requireApproval` creates it ON_HOLD: the gateway answers 403 until it is approved. */
  'subscriptions.create': {
    request: z.object({
      applicationId: applicationIdField,
      apiId: z
        .string({ error: 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)' })
        .min(1, 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)'),
      plan: z
        .string({ error: 'plan: a plan is required: Unlimited, Gold, Silver or Bronze' })
        .min(1, 'plan: a plan is required: Unlimited, Gold, Silver or Bronze'),
      requireApproval: z.boolean().optional(),
    }),
    response: subscriptionView,
  },
  /** Approve (UNBLOCKED), reject (REJECTED, pending ones only), block (BLOCKED, PROD_ONLY_BLOCKED). */
  'subscriptions.setStatus': {
    request: z.object({
      id: z
        .string({ error: 'id: the subscription id is required' })
        .min(1, 'id: the subscription id is required'),
      status: subscriptionStatusSchema,
    }),
    response: subscriptionView,
  },
  /** The approval queue: subscriptions ON_HOLD, oldest first. */
  'subscriptions.pending': { request: empty, response: z.array(subscriptionView) },

  /** Free text plus `type:` `op:` `tag:` `api:` filters over every API of the workspace. */
  'search.query': {
    request: z.object({
      query: z
        .string({ error: 'query: the search text is required' })
        .max(1000, 'query: at most 1000 characters'),
      limit: z
        .number()
        .int('limit: must be a whole number')
        .min(1, 'limit: must be from 1 to 500')
        .max(500, 'limit: must be from 1 to 500')
        .optional(),
    }),
    response: z.array(searchHit),
  },
  'revisions.list': { request: z.object({ apiId: apiIdField }), response: z.array(revisionInfo) },
  /** Snapshot an API as it is on disk; the same content returns the existing revision. */
  'revisions.create': {
    request: z.object({
      apiId: apiIdField,
      note: z.string().max(2000, 'note: at most 2000 characters').optional(),
    }),
    response: z.object({ revision: revisionInfo, created: z.boolean() }),
  },
  'revisions.diff': {
    request: z.object({
      from: z.string().min(1, 'from: a revision id is required'),
      to: z.string().min(1, 'to: a revision id is required'),
    }),
    response: revisionDiff,
  },

  'environments.list': {
    request: empty,
    response: z.object({
      environments: z.array(environmentConfig),
      problems: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  },
  /** Create or replace `environments/<name>.yaml`. */
  'environments.save': { request: environmentConfig, response: environmentConfig },
  'environments.delete': { request: z.object({ name: environmentName }), response: z.null() },
  /** Each node's health and revision; `diverged` when nodes disagree. */
  'environments.status': {
    request: z.object({ name: environmentName }),
    response: environmentStatus,
  },
  /** Deploy a revision (default: a new one of the API as on disk) to every node. */
  'environments.push': {
    request: z.object({
      environment: environmentName,
      apiId: apiIdField,
      revisionId: z.string().min(1).optional(),
      note: z.string().optional(),
    }),
    response: pushReport,
  },
  'environments.rollback': {
    request: z.object({ environment: environmentName, apiId: apiIdField }),
    response: pushReport,
  },
  'environments.undeploy': {
    request: z.object({ environment: environmentName, apiId: apiIdField }),
    response: pushReport,
  },
  /** Pull each node's analytics summary (`GET /admin/v1/analytics/summary`). */
  'environments.analytics': {
    request: z.object({
      name: environmentName,
      groupBy: z.enum(['api', 'application', 'plan', 'model', 'vendor', 'status']),
      from: z.string().optional(),
      to: z.string().optional(),
    }),
    response: z.array(
      z.object({ node: z.string(), summary: z.unknown(), error: z.string().optional() }),
    ),
  },
  'environments.history': {
    request: z.object({ environment: environmentName, apiId: z.string().optional() }),
    response: z.array(deploymentRecord),
  },
} as const;

export const appCommandName = z.enum([
  'workspace.new',
  'workspace.open',
  'workspace.openRecent',
  'api.new',
  'theme.toggle',
]);
export const appCommand = z.object({ command: appCommandName, path: z.string().optional() });
export type AppCommand = z.infer<typeof appCommand>;

/** Every push event from main to the renderer: payload schemas. */
export const events = {
  /** The open workspace changed: by the studio, or on disk (a `git pull`, an editor). */
  'workspace.changed': workspaceInfo,
  'gateway.status': gatewayStatus,
  /**
   * A command chosen in the native menu (Electron only). `path` is set for
   * `workspace.openRecent`. The renderer runs the same flow as its own buttons.
   */
  'app.command': appCommand,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type Request<C extends ChannelName> = z.input<Channels[C]['request']>;
export type Response<C extends ChannelName> = z.output<Channels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** `'workspace.open'` -> `['workspace', 'open']`, typed. */
export type Domain<C extends string> = C extends `${infer D}.${string}` ? D : never;
export type Method<C extends string> = C extends `${string}.${infer M}` ? M : never;
export type DomainName = Domain<ChannelName>;

/**
 * The argument list of a channel's method: the request may be left out when every
 * field of it is optional (`portico.app.info()`), and is required otherwise.
 */
export type CallArgs<C extends ChannelName> =
  Record<never, never> extends Request<C> ? [request?: Request<C>] : [request: Request<C>];

/** The shape the preload exposes as `window.portico` and the web client implements. */
export type PorticoBridge = {
  [D in DomainName]: {
    [C in ChannelName as Domain<C> extends D ? Method<C> : never]: (
      ...args: CallArgs<C>
    ) => Promise<IpcResult<Response<C>>>;
  };
} & {
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function splitChannel(name: ChannelName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
