import { useEffect, useState } from 'react';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { reportError } from '../notifications/notify';

/** Plan and application policy names of the open workspace, re-read when the workspace changes. */
export function usePolicyNames(): { subscription: string[]; application: string[] } {
  const workspace = useApp((s) => s.workspace);
  const [names, setNames] = useState<{ subscription: string[]; application: string[] }>({
    subscription: ['Unlimited'],
    application: ['Unlimited'],
  });
  useEffect(() => {
    let live = true;
    ipc.policies.names().then(
      (result) => {
        if (live) setNames(result);
      },
      (error: unknown) => reportError(error, 'Reading the plans'),
    );
    return () => {
      live = false;
    };
  }, [workspace]);
  return names;
}
