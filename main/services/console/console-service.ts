/**
 * The try-it console and test cases in the studio: sends through the local gateway
 * with the studio's applications, trial keys (kept encrypted in the store's secrets:
 * the applications service keeps only hashes) and resident-key-manager JWTs, records
 * history, and reads and runs the API's test cases from the workspace.
 */
import type { Database } from 'better-sqlite3';
import type { AnalyticsEvent } from '../../../gateway-runtime/src/index.js';
import type { GatewayStatus } from '../../ipc/contract.js';
import type {
  ConsoleRequest,
  ConsoleResponse,
  HistoryEntry,
  HistorySummary,
  RequestTemplate,
  SseEvent,
  TestCase,
  TestCaseResult,
} from '../../ipc/contract-console.js';
import { LOCAL_KEY_MANAGER } from '../applications/applications-service.js';
import { StudioError } from '../errors.js';
import type { ApiRecord } from '../workspace/api-files.js';
import { apiTypeOfData } from '../workspace/api-yaml.js';
import { toCurl } from './curl.js';
import {
  resolveExchange,
  runTestCases,
  sendConsoleRequest,
  type ApiTarget,
  type ConsoleDeps,
} from './engine.js';
import { ConsoleHistory } from './history.js';
import { deleteTestCase, listTestCases, saveTestCase } from './test-case-files.js';
import { buildTemplates } from './templates.js';
import { TRIAL_KEY_PREFIX, trialKeyName } from './trial-keys.js';

type KeyType = 'PRODUCTION' | 'SANDBOX';

/** What the console service uses of the other services (structural, for tests). */
export interface ConsoleServiceDeps {
  db: Database;
  secrets: {
    get(name: string): string | undefined;
    set(name: string, value: string): void;
    names(): string[];
  };
  workspace: { root(): string | null; apiRecords(): readonly ApiRecord[] };
  applications: {
    list(): { id: string; consumerKeys: { keyType: KeyType; keyManager: string }[] }[];
    generateApiKey(applicationId: string, keyType: KeyType): { apiKey: string };
  };
  keyManager: {
    issueToken(input: {
      applicationId: string;
      keyType: KeyType;
      scopes?: string[];
    }): Promise<{ accessToken: string }>;
  };
  gateway: {
    status(): GatewayStatus;
    onStatus(listener: (status: GatewayStatus) => void): () => void;
    admin?(method: 'GET', path: string): Promise<{ status: number; body: unknown } | null>;
  };
  /** How long a new trial key may take to reach the gateway; default 15 s. */
  deployWaitMs?: number;
}

/** What the console knows of an API from its workspace record. */
export function apiTarget(record: ApiRecord): ApiTarget {
  const data = record.apiYaml.data;
  return {
    context: data.context,
    version: data.version,
    apiKeyHeader: data.apiKeyHeader ?? 'apikey',
    isAi: apiTypeOfData(data) === 'AI',
  };
}

export class ConsoleService {
  private readonly history: ConsoleHistory;
  private readonly streamListeners = new Set<(streamId: string, event: SseEvent) => void>();

  constructor(private readonly deps: ConsoleServiceDeps) {
    this.history = new ConsoleHistory(deps.db);
  }

  /** SSE events of in-flight sends, tagged with the sender's stream id. */
  onStream(listener: (streamId: string, event: SseEvent) => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  templates(apiId: string): RequestTemplate[] {
    const record = this.record(apiId);
    return buildTemplates({
      type: apiTypeOfData(record.apiYaml.data),
      operations: (record.apiYaml.data.operations ?? []).map((op) => ({
        method: op.verb,
        target: op.target,
      })),
      definition: record.definition
        ? { format: record.definition.format, content: record.definition.content }
        : null,
    });
  }

  async send(request: ConsoleRequest, streamId?: string): Promise<ConsoleResponse> {
    const root = this.root();
    const onEvent = streamId
      ? (event: SseEvent) => {
          for (const listener of [...this.streamListeners]) listener(streamId, event);
        }
      : undefined;
    try {
      const response = await sendConsoleRequest(request, this.engine(), onEvent);
      this.history.add(root, request, { response });
      return response;
    } catch (error) {
      this.history.add(root, request, {
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  async curl(request: ConsoleRequest): Promise<string> {
    const exchange = await resolveExchange(request, this.engine());
    const command = toCurl(exchange);
    if (!exchange.clientCert || request.credentials.type !== 'certificate') return command;
    const { certFile, keyFile } = request.credentials;
    return `${command} \\\n  --cert ${JSON.stringify(certFile)} --key ${JSON.stringify(keyFile)} -k`;
  }

  trialKeys(): { applicationId: string; keyType: KeyType }[] {
    const known = new Set(this.deps.applications.list().map((a) => a.id));
    const out: { applicationId: string; keyType: KeyType }[] = [];
    for (const name of this.deps.secrets.names()) {
      if (!name.startsWith(TRIAL_KEY_PREFIX)) continue;
      const rest = name.slice(TRIAL_KEY_PREFIX.length);
      const dot = rest.indexOf('.');
      const keyType = rest.slice(0, dot);
      const applicationId = rest.slice(dot + 1);
      if ((keyType === 'PRODUCTION' || keyType === 'SANDBOX') && known.has(applicationId))
        out.push({ applicationId, keyType });
    }
    return out;
  }

  /** A new API key for the application, stored encrypted; resolves once the gateway serves it. */
  async generateTrialKey(applicationId: string, keyType: KeyType) {
    const before = this.deps.gateway.status().revision;
    const { apiKey } = this.deps.applications.generateApiKey(applicationId, keyType);
    this.deps.secrets.set(trialKeyName(applicationId, keyType), apiKey);
    if (this.deps.gateway.status().state === 'running') await this.redeployedFrom(before);
    return { applicationId, keyType };
  }

  listHistory(apiId: string): HistorySummary[] {
    return this.history.list(this.root(), apiId);
  }

  historyEntry(id: number): HistoryEntry {
    return this.history.get(this.root(), id);
  }

  clearHistory(apiId: string): void {
    this.history.clear(this.root(), apiId);
  }

  listTests(apiId: string): Promise<TestCase[]> {
    this.record(apiId);
    return listTestCases(this.root(), apiId);
  }

  saveTest(apiId: string, testCase: TestCase): Promise<TestCase> {
    this.record(apiId);
    return saveTestCase(this.root(), apiId, testCase);
  }

  deleteTest(apiId: string, name: string): Promise<void> {
    return deleteTestCase(this.root(), apiId, name);
  }

  async runTests(apiId: string, names?: readonly string[]): Promise<TestCaseResult[]> {
    const all = await this.listTests(apiId);
    const unknown = names?.filter((n) => !all.some((c) => c.name === n)) ?? [];
    if (unknown.length > 0)
      throw new StudioError('NOT_FOUND', `names: no test case ${unknown.join(', ')} for ${apiId}`);
    const chosen = names ? all.filter((c) => names.includes(c.name)) : all;
    return runTestCases(apiId, chosen, this.engine());
  }

  private root(): string {
    const root = this.deps.workspace.root();
    if (root === null) throw new StudioError('NO_WORKSPACE', 'No workspace is open');
    return root;
  }

  private record(apiId: string): ApiRecord {
    const record = this.deps.workspace.apiRecords().find((r) => r.id === apiId);
    if (!record) throw new StudioError('NOT_FOUND', `apiId: no API ${apiId} in this workspace`);
    return record;
  }

  private engine(): ConsoleDeps {
    const { gateway, secrets, keyManager } = this.deps;
    return {
      listeners: () => {
        const status = gateway.status();
        if (status.state !== 'running')
          throw new StudioError(
            'GATEWAY_UNAVAILABLE',
            `The local gateway is ${status.state}${status.error ? `: ${status.error}` : ''}`,
          );
        return status.listeners;
      },
      api: (apiId) => apiTarget(this.record(apiId)),
      trialKey: async (applicationId, keyType) => {
        const key = secrets.get(trialKeyName(applicationId, keyType));
        if (key === undefined)
          throw new StudioError(
            'VALIDATION',
            `credentials.applicationId: application ${applicationId} has no ${keyType} trial key; generate one first`,
          );
        return key;
      },
      issueToken: async (applicationId, keyType, scopes) => {
        // The first token of an application registers its consumer key at the resident key
        // manager; the gateway knows the application by that key only once it redeployed.
        const registered = this.deps.applications
          .list()
          .some(
            (a) =>
              a.id === applicationId &&
              a.consumerKeys.some(
                (k) => k.keyManager === LOCAL_KEY_MANAGER && k.keyType === keyType,
              ),
          );
        const before = gateway.status().revision;
        const issued = await keyManager.issueToken({
          applicationId,
          keyType,
          ...(scopes !== undefined && { scopes }),
        });
        if (!registered) await this.redeployedFrom(before);
        return issued.accessToken;
      },
      ...(gateway.admin && {
        analyticsEvents: async (sinceMs: number) => {
          const answer = await gateway.admin?.(
            'GET',
            `/admin/v1/analytics/events?since=${Math.floor(sinceMs)}&limit=10000`,
          );
          const body = answer?.body as { events?: AnalyticsEvent[] } | undefined;
          return answer?.status === 200 && Array.isArray(body?.events) ? body.events : [];
        },
      }),
    };
  }

  private redeployedFrom(before: string | null): Promise<void> {
    const { gateway } = this.deps;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new StudioError(
            'GATEWAY_UNAVAILABLE',
            'The trial key was saved, but the local gateway did not redeploy in time; try sending again shortly',
          ),
        );
      }, this.deps.deployWaitMs ?? 15_000);
      const check = (s: GatewayStatus): boolean => {
        if (s.state === 'running' && s.revision !== before) {
          clearTimeout(timer);
          off();
          resolve();
          return true;
        }
        return false;
      };
      const off = gateway.onStatus(check);
      check(gateway.status());
    });
  }
}
