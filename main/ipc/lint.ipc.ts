import type { Handlers } from './dispatch.js';
import { readWorkspaceRuleset } from '../services/lint/ruleset-file.js';

export interface LintIpcDeps {
  services: { workspace: { current(): { root: string } | null } };
}

export function lintHandlers(deps: LintIpcDeps): Pick<Handlers, 'lint.ruleset'> {
  return {
    'lint.ruleset': async () =>
      readWorkspaceRuleset(deps.services.workspace.current()?.root ?? null),
  };
}
