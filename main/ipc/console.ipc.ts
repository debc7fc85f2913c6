import type {
  ConsoleRequest,
  ConsoleResponse,
  HistoryEntry,
  HistorySummary,
  RequestTemplate,
  TestCase,
  TestCaseResult,
} from './contract.js';
import type { Handlers } from './dispatch.js';

type ConsoleChannel = Extract<keyof Handlers, `console.${string}`>;
type KeyType = 'PRODUCTION' | 'SANDBOX';

export interface ConsoleIpcDeps {
  services: {
    console: {
      templates(apiId: string): RequestTemplate[];
      send(request: ConsoleRequest, streamId?: string): Promise<ConsoleResponse>;
      curl(request: ConsoleRequest): Promise<string>;
      generateTrialKey(
        applicationId: string,
        keyType: KeyType,
      ): Promise<{ applicationId: string; keyType: KeyType }>;
      trialKeys(): { applicationId: string; keyType: KeyType }[];
      listHistory(apiId: string): HistorySummary[];
      historyEntry(id: number): HistoryEntry;
      clearHistory(apiId: string): void;
      listTests(apiId: string): Promise<TestCase[]>;
      saveTest(apiId: string, testCase: TestCase): Promise<TestCase>;
      deleteTest(apiId: string, name: string): Promise<void>;
      runTests(apiId: string, names?: readonly string[]): Promise<TestCaseResult[]>;
    };
  };
}

export function consoleHandlers(deps: ConsoleIpcDeps): Pick<Handlers, ConsoleChannel> {
  const c = deps.services.console;
  return {
    'console.templates': async ({ apiId }) => c.templates(apiId),
    'console.send': ({ request, streamId }) => c.send(request, streamId),
    'console.curl': ({ request }) => c.curl(request),
    'console.generateTrialKey': ({ applicationId, keyType }) =>
      c.generateTrialKey(applicationId, keyType),
    'console.trialKeys': async () => c.trialKeys(),
    'console.history': async ({ apiId }) => c.listHistory(apiId),
    'console.historyEntry': async ({ id }) => c.historyEntry(id),
    'console.clearHistory': async ({ apiId }) => {
      c.clearHistory(apiId);
      return null;
    },
    'console.listTests': ({ apiId }) => c.listTests(apiId),
    'console.saveTest': ({ apiId, testCase }) => c.saveTest(apiId, testCase),
    'console.deleteTest': async ({ apiId, name }) => {
      await c.deleteTest(apiId, name);
      return null;
    },
    'console.runTests': ({ apiId, names }) => c.runTests(apiId, names),
  };
}
