import { useEffect, useState } from 'react';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { reportError } from '../notifications/notify';

/** The policy names of each kind; `Unlimited` first in each. */
export interface PolicyNames {
  subscription: string[];
  application: string[];
  api: string[];
}

/** Plan, application and API policy names of the open workspace, re-read when the workspace changes. */
export function usePolicyNames(): PolicyNames {
  const workspace = useApp((s) => s.workspace);
  const [names, setNames] = useState<PolicyNames>({
    subscription: ['Unlimited'],
    application: ['Unlimited'],
    api: ['Unlimited'],
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
