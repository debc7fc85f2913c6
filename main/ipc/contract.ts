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
import { accessChannels } from './contract-access.js';
import { aiVendorsChannels } from './contract-ai-vendors.js';
import { analyticsChannels } from './contract-analytics.js';
import { trafficChannels, trafficEvents } from './contract-traffic.js';
import { importChannels } from './contract-import.js';
import { publishingChannels, publishingEvents } from './contract-publishing.js';
import { lintChannels } from './contract-lint.js';
import { policiesChannels } from './contract-policies.js';
import { sequencesChannels } from './contract-sequences.js';
import { consoleChannels, consoleEvents } from './contract-console.js';

export * from './contract-access.js';
export * from './contract-ai-vendors.js';
export * from './contract-analytics.js';
export * from './contract-traffic.js';
export * from './contract-import.js';
export * from './contract-console.js';
export * from './contract-publishing.js';
export * from './contract-lint.js';
export * from './contract-policies.js';
export * from './contract-sequences.js';

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
  /** From api.yaml (`authType: None` is `none`): anonymous callers pass, no subscription needed. */
  auth: z.enum(['required', 'none']).optional(),
  /** The API policy (`policies/api-<name>.yaml`, or `Unlimited`) for this operation alone. */
  throttlingPolicy: z.string().nullable().optional(),
  /** OAuth2 scopes a caller's token must all hold. */
  scopes: z.array(z.string()).optional(),
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
  /** The API-level API policy (api.yaml `apiThrottlingPolicy`), or null for none. */
  throttlingPolicy: z.string().nullable().optional(),
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
      /** An API policy name for the whole API, or null to remove it. */
      throttlingPolicy: z.string().nullable().optional(),
    }),
    response: apiDetail,
  },
  /** Auth, API policy and scopes of one operation, kept in api.yaml. */
  'apis.updateOperation': {
    request: z.object({
      id: z.string().min(1),
      method: z.string().min(1),
      target: z.string().min(1),
      auth: z.enum(['required', 'none']).optional(),
      throttlingPolicy: z.string().nullable().optional(),
      scopes: z.array(z.string()).optional(),
    }),
    response: apiDetail,
  },
  'apis.delete': { request: z.object({ id: z.string().min(1) }), response: z.null() },

  'gateway.status': { request: empty, response: gatewayStatus },
  'gateway.restart': { request: empty, response: gatewayStatus },

  ...accessChannels,
  ...trafficChannels,
  ...analyticsChannels,
  ...importChannels,
  ...publishingChannels,
  ...lintChannels,
  ...policiesChannels,
  ...sequencesChannels,
  ...consoleChannels,
  ...aiVendorsChannels,
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
  ...trafficEvents,
  ...publishingEvents,
  ...consoleEvents,
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
