/**
 * Finds the workspace's Spectral ruleset. The file is only read here; it is
 * parsed and validated in the lint worker, which reports what it cannot use.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LintRuleset } from '../../ipc/contract-lint.js';

/** File names Spectral itself looks for, in its order of preference. */
export const rulesetFileNames = ['.spectral.yaml', '.spectral.yml', '.spectral.json'] as const;

/** The ruleset file at the root of `workspaceRoot`, or nulls when there is none. */
export async function readWorkspaceRuleset(workspaceRoot: string | null): Promise<LintRuleset> {
  if (workspaceRoot !== null) {
    for (const file of rulesetFileNames) {
      try {
        return { file, content: await readFile(join(workspaceRoot, file), 'utf8') };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
  return { file: null, content: null };
}
