/**
 * In-memory stand-ins for the studio's services, for tests of the IPC layer and
 * the web host that are about the bridge, not about the services.
 */
import type {
  ApiDetail,
  AppInfo,
  GatewayStatus,
  RecentWorkspace,
  WorkspaceInfo,
} from './contract.js';
import type { IpcDeps } from './handlers.js';
import type { EventSources } from './events.js';
import { StudioError } from '../services/errors.js';
import { createFakeAccessServices } from './applications-fakes.js';
import { createFakePublishingServices } from './publishing-fakes.js';
import { createFakeConsoleServices } from './console-fakes.js';
import { createFakePoliciesServices } from './policies-fakes.js';
import { createFakeImportServices } from './import-fakes.js';
import { createFakeAiVendorsServices } from './ai-vendors-fakes.js';
import { createFakeTrafficServices } from './traffic-fakes.js';

export type FakeServices = IpcDeps['services'] &
  EventSources & {
    /** Pushes a gateway status to the `onStatus` listeners, as the gateway host would. */
    emitStatus(status: GatewayStatus): void;
    close(): Promise<void>;
  };

export const stoppedGateway: GatewayStatus = {
  state: 'stopped',
  listeners: [],
  adminUrl: null,
  revision: null,
  apis: [],
  error: null,
};

export function createFakeServices(): FakeServices {
  let current: WorkspaceInfo | null = null;
  const recent: RecentWorkspace[] = [];
  const apis = new Map<string, ApiDetail>();
  const changed = new Set<(info: WorkspaceInfo) => void>();
  const statusListeners = new Set<(status: GatewayStatus) => void>();
  let status = stoppedGateway;

  const info = (): AppInfo => ({
    version: '0.0.0-test',
    host: 'web',
    platform: process.platform,
    userDataPath: '/tmp',
  });
  const requireWorkspace = (): WorkspaceInfo => {
    if (!current) throw new StudioError('NO_WORKSPACE', 'No workspace is open');
    return current;
  };
  const open = async (path: string): Promise<WorkspaceInfo> => {
    current = {
      root: path,
      name: path.split('/').pop() ?? path,
      apis: [],
      resources: [],
      problems: [],
    };
    recent.unshift({ path, name: current.name, openedAt: new Date(0).toISOString() });
    for (const listener of changed) listener(current);
    return current;
  };
  const getApi = async (id: string): Promise<ApiDetail> => {
    const api = apis.get(id);
    if (!api) throw new StudioError('NOT_FOUND', `No API with id ${id}`);
    return api;
  };

  return {
    ...createFakeAccessServices(),
    ...createFakePublishingServices(),
    ...createFakeConsoleServices(),
    ...createFakePoliciesServices(),
    ...createFakeImportServices(),
    ...createFakeTrafficServices(),
    ...createFakeAiVendorsServices(() => current?.root ?? null),
    appInfo: info,
    workspace: {
      current: () => current,
      open,
      create: (path) => open(path),
      recent: () => recent,
      getApi,
      async createApi({ content, name = 'Api', version = '1.0.0', context }) {
        requireWorkspace();
        const id = `${name}-${version}`;
        const detail: ApiDetail = {
          id,
          name,
          version,
          context: context ?? `/${name.toLowerCase()}`,
          type: 'REST',
          definitionFormat: 'openapi',
          path: `apis/${id}`,
          operationCount: 0,
          isDefaultVersion: false,
          operations: [],
          endpoints: { production: null, sandbox: null },
          definition: {
            format: 'openapi',
            file: `apis/${id}/Definitions/swagger.yaml`,
            language: 'yaml',
            content,
          },
        };
        apis.set(id, detail);
        return detail;
      },
      async saveDefinition(id, content) {
        const api = await getApi(id);
        if (!api.definition) throw new StudioError('DEFINITION_INVALID', `${id} has no definition`);
        api.definition.content = content;
        return api;
      },
      async updateApiSettings({ id, context, isDefaultVersion, throttlingPolicy }) {
        const api = await getApi(id);
        if (context !== undefined) api.context = context;
        if (isDefaultVersion !== undefined) api.isDefaultVersion = isDefaultVersion;
        if (throttlingPolicy !== undefined) api.throttlingPolicy = throttlingPolicy;
        return api;
      },
      async updateApiOperation({ id, method, target, auth, throttlingPolicy, scopes }) {
        const api = await getApi(id);
        const op = api.operations.find((o) => o.method === method && o.target === target);
        if (!op) throw new StudioError('NOT_FOUND', `${id} has no operation ${method} ${target}`);
        if (auth !== undefined) op.auth = auth;
        if (throttlingPolicy !== undefined) op.throttlingPolicy = throttlingPolicy;
        if (scopes !== undefined) op.scopes = scopes;
        return api;
      },
      async deleteApi(id) {
        await getApi(id);
        apis.delete(id);
      },
      onChanged(listener) {
        changed.add(listener);
        return () => changed.delete(listener);
      },
    },
    gateway: {
      status: () => status,
      async restart() {
        status = { ...stoppedGateway, state: 'running', listeners: ['http://127.0.0.1:1'] };
        for (const listener of statusListeners) listener(status);
        return status;
      },
      onStatus(listener) {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    },
    emitStatus(next) {
      status = next;
      for (const listener of statusListeners) listener(next);
    },
    async close() {
      changed.clear();
      statusListeners.clear();
    },
  };
}
