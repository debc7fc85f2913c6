/**
 * The lint worker: lints and outlines off the main thread so typing never waits
 * for Spectral. Only the newest request matters: one that arrives while a lint
 * runs replaces any queued one, and idle time warms the incremental cache.
 */
import { DefinitionLinter, type LintRequest, type LintResponse } from './lint-core';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LintRequest>) => void) | null;
  postMessage(message: LintResponse | { id: number; error: string }): void;
};
const linter = new DefinitionLinter();
let queued: LintRequest | null = null;
let running = false;

// A macrotask turn lets a queued message arrive before the next chunk is linted.
const yieldToMessages = () =>
  new Promise<boolean>((resolve) => setTimeout(() => resolve(queued !== null), 0));

async function drain(): Promise<void> {
  running = true;
  try {
    while (queued) {
      const request: LintRequest = queued;
      queued = null;
      try {
        scope.postMessage(await linter.lint(request));
      } catch (e) {
        scope.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
      }
      if (!queued) await linter.warm(yieldToMessages);
    }
  } finally {
    running = false;
  }
}

scope.onmessage = (event) => {
  queued = event.data;
  if (!running) void drain();
};
