import { useEffect, useState } from 'react';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';

/** The workspace's `.spectral.yaml` text: undefined while read, null when there is none. */
export function useWorkspaceRuleset(): {
  content: string | null | undefined;
  error: string | null;
} {
  const workspace = useApp((s) => s.workspace);
  const [state, setState] = useState<{ content: string | null | undefined; error: string | null }>({
    content: undefined,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    // Read again on every workspace change: the push does not say which file moved.
    ipc.lint.ruleset({}).then(
      (r) => !cancelled && setState({ content: r.content, error: null }),
      (e: unknown) =>
        !cancelled &&
        setState({
          content: null,
          error: `Could not read .spectral.yaml: ${e instanceof Error ? e.message : String(e)}`,
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [workspace]);
  return state;
}
