import { IpcClientError } from '../../ipc/client';
import { setState } from '../../state/app-store';

let nextId = 1;

/** Shows a failed call (or any thrown value) as a dismissible error notice. */
export function reportError(error: unknown, context?: string): void {
  const code = error instanceof IpcClientError ? error.code : null;
  const message = error instanceof Error ? error.message : String(error);
  push({ tone: 'error', code, message: context ? `${context}: ${message}` : message });
}

export function notify(message: string): void {
  push({ tone: 'info', code: null, message });
}

function push(notice: { tone: 'error' | 'info'; code: string | null; message: string }): void {
  const id = nextId++;
  // The same failure repeated (a flapping watcher) should not stack up.
  setState((state) => ({
    notices: [
      ...state.notices.filter((n) => !(n.code === notice.code && n.message === notice.message)),
      { id, ...notice },
    ].slice(-5),
  }));
  if (notice.tone === 'info') setTimeout(() => dismiss(id), 4000);
}

export function dismiss(id: number): void {
  setState((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
}
