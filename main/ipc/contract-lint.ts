/**
 * The IPC contract for the definition editor's linter. Part of the one contract
 * in `contract.ts`, which re-exports this file and spreads its channels. This
 * file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

/** The workspace's Spectral ruleset file as text, for the lint worker to parse. */
export const lintRuleset = z.object({
  /** File name relative to the workspace root (`.spectral.yaml`), or null when there is none. */
  file: z.string().nullable(),
  /** Its text, or null when there is none (the default rulesets apply). */
  content: z.string().nullable(),
});
export type LintRuleset = z.infer<typeof lintRuleset>;

export const lintChannels = {
  /** The open workspace's `.spectral.yaml` (or `.yml` / `.json`), if it has one. */
  'lint.ruleset': { request: empty, response: lintRuleset },
};
