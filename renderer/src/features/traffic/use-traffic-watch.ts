/**
 * Holds a watch of the live traffic log while the calling view is mounted: main polls
 * the gateway only while some view watches. The watch is a lease renewed at a third of
 * its lifetime, so a window that closes without saying so stops the polling too; the
 * view ends it at once when it unmounts or the page goes away.
 */
import { useEffect } from 'react';
import { ipc } from '../../ipc/client';
import { reportError } from '../notifications/notify';

export function useTrafficWatch(): void {
  useEffect(() => {
    let watchId: string | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;

    const release = (): void => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (watchId !== undefined) void ipc.traffic.unwatch({ watchId }).catch(() => undefined);
    };
    const renew = (first: boolean): void => {
      ipc.traffic.watch(watchId === undefined ? {} : { watchId }).then(
        (lease) => {
          watchId = lease.watchId;
          if (stopped) return release();
          timer ??= setInterval(() => renew(false), Math.max(1000, lease.ttlMs / 3));
        },
        // A missed renewal is retried at the next tick; only the first failure is news.
        (error: unknown) => first && reportError(error, 'Watching the traffic log'),
      );
    };
    // Back from the back-forward cache: renewing under the same id watches again.
    const onShow = (event: PageTransitionEvent): void => {
      if (event.persisted && !stopped) renew(false);
    };

    renew(true);
    window.addEventListener('pagehide', release);
    window.addEventListener('pageshow', onShow);
    return () => {
      stopped = true;
      window.removeEventListener('pagehide', release);
      window.removeEventListener('pageshow', onShow);
      release();
    };
  }, []);
}
