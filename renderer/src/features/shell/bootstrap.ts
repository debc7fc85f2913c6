import { ipc, subscribe } from '../../ipc/client';
import { setState } from '../../state/app-store';
import { runAppCommand } from '../commands/commands';
import { reportError } from '../notifications/notify';
import { applyWorkspace, refreshRecent } from '../workspace/workspace-actions';

/**
 * Connects the UI to the host: push events first (so nothing that happens during
 * the first reads is missed), then the current workspace, recent list and gateway.
 * Returns the function that disconnects.
 */
export function connectToHost(): () => void {
  const offs = [
    subscribe('workspace.changed', (info) => applyWorkspace(info)),
    subscribe('gateway.status', (gateway) => setState({ gateway })),
    subscribe('app.command', (command) => runAppCommand(command)),
  ];

  ipc.workspace.current({}).then(
    (info) => applyWorkspace(info),
    (error: unknown) => {
      setState({ loaded: true });
      reportError(error, 'Could not read the workspace');
    },
  );
  void refreshRecent();
  ipc.gateway.status({}).then(
    (gateway) => setState({ gateway }),
    (error: unknown) => reportError(error, 'Could not read the gateway status'),
  );

  return () => {
    for (const off of offs) off();
  };
}
