import { useState } from 'react';
import { ipc } from '../../ipc/client';
import { setState, useApp } from '../../state/app-store';
import { reportError } from '../notifications/notify';
import './status-bar.css';

const stateLabels = {
  stopped: 'stopped',
  starting: 'starting…',
  running: 'listening',
  error: 'failed',
} as const;

/** The local gateway at a glance: state, where it listens, what revision it serves, what broke. */
export function StatusBar() {
  const workspace = useApp((s) => s.workspace);
  const gateway = useApp((s) => s.gateway);
  const [restarting, setRestarting] = useState(false);

  const restart = async (): Promise<void> => {
    setRestarting(true);
    try {
      setState({ gateway: await ipc.gateway.restart({}) });
    } catch (e) {
      reportError(e, 'Could not restart the gateway');
    } finally {
      setRestarting(false);
    }
  };

  return (
    <footer className="status-bar">
      <div className="status-bar__workspace" title={workspace?.root}>
        {workspace ? workspace.root : 'No workspace open'}
      </div>
      <div
        className="status-bar__gateway"
        role="status"
        aria-label="Gateway status"
        data-testid="gateway-status"
      >
        {gateway ? (
          <>
            <span className={`status-dot status-dot--${gateway.state}`} aria-hidden="true" />
            <span>Gateway {stateLabels[gateway.state]}</span>
            {gateway.listeners.map((url) => (
              <code key={url} className="status-bar__url">
                {url}
              </code>
            ))}
            {gateway.state === 'running' && (
              <span className="status-bar__revision">
                {gateway.revision ? `revision ${gateway.revision}` : 'nothing deployed'}
              </span>
            )}
            {gateway.error && <span className="status-bar__error">{gateway.error}</span>}
          </>
        ) : (
          <span>Gateway status unknown</span>
        )}
      </div>
      <button
        type="button"
        className="status-bar__button"
        onClick={() => void restart()}
        disabled={restarting || gateway?.state === 'starting'}
      >
        Restart gateway
      </button>
    </footer>
  );
}
