import { useEffect, useState } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';

export interface ApiDetailState {
  detail: ApiDetail | null;
  /** Why the last read failed, if it did. */
  error: string | null;
  /** False once the API is no longer listed in the workspace (deleted or renamed on disk). */
  exists: boolean;
  /** Takes a fresher detail (a save's answer) without another read. */
  replace(detail: ApiDetail): void;
}

/**
 * One API's detail, read again whenever the workspace changes: the push does not
 * say which file moved, and a read is cheap next to showing stale content.
 */
export function useApiDetail(apiId: string): ApiDetailState {
  const workspace = useApp((s) => s.workspace);
  const exists = workspace?.apis.some((a) => a.id === apiId) ?? false;
  const [detail, setDetail] = useState<ApiDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!exists) return;
    let cancelled = false;
    ipc.apis.get({ id: apiId }).then(
      (d) => {
        if (cancelled) return;
        setDetail(d);
        setError(null);
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [apiId, workspace, exists]);

  return { detail, error, exists, replace: setDetail };
}
