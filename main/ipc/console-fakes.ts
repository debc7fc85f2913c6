/**
 * An in-memory console for bridge tests (`testing.ts`): test cases and history live
 * in maps, and sending fails as with a stopped gateway, since there is none.
 */
import type { SseEvent, TestCase } from './contract.js';
import type { ConsoleIpcDeps } from './console.ipc.js';
import { StudioError } from '../services/errors.js';

export function createFakeConsoleServices(): {
  console: ConsoleIpcDeps['services']['console'] & {
    onStream(listener: (streamId: string, event: SseEvent) => void): () => void;
  };
} {
  const tests = new Map<string, Map<string, TestCase>>();
  const stopped = (): never => {
    throw new StudioError('GATEWAY_UNAVAILABLE', 'The local gateway is stopped');
  };
  const casesOf = (apiId: string) => {
    let cases = tests.get(apiId);
    if (!cases) tests.set(apiId, (cases = new Map()));
    return cases;
  };
  return {
    console: {
      onStream: () => () => undefined,
      templates: () => [],
      send: async () => stopped(),
      curl: async () => stopped(),
      generateTrialKey: async () => stopped(),
      trialKeys: () => [],
      listHistory: () => [],
      historyEntry: (id) => {
        throw new StudioError('NOT_FOUND', `id: no history entry ${id}`);
      },
      clearHistory: () => undefined,
      listTests: async (apiId) => [...casesOf(apiId).values()],
      saveTest: async (apiId, testCase) => {
        casesOf(apiId).set(testCase.name, testCase);
        return testCase;
      },
      deleteTest: async (apiId, name) => {
        if (!casesOf(apiId).delete(name))
          throw new StudioError('NOT_FOUND', `name: no test case "${name}"`);
      },
      runTests: async () => stopped(),
    },
  };
}
