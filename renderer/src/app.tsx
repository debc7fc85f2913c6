import { useEffect } from 'react';
import { useApp } from './state/app-store';
import { installShortcuts } from './features/commands/shortcuts';
import { ExplorerPanel } from './features/explorer/explorer-panel';
import { StatusBar } from './features/gateway/status-bar';
import { NotificationArea } from './features/notifications/notification-area';
import { connectToHost } from './features/shell/bootstrap';
import { DialogHost } from './features/shell/dialog-host';
import { MenuBar } from './features/shell/menu-bar';
import { ThemeToggle } from './features/shell/theme-toggle';
import { Workbench } from './features/tabs/workbench';
import { WelcomeScreen } from './features/workspace/welcome-screen';

export function App() {
  const loaded = useApp((s) => s.loaded);
  const workspace = useApp((s) => s.workspace);

  useEffect(() => connectToHost(), []);
  useEffect(() => installShortcuts(), []);

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-header__brand">Portico</span>
        <MenuBar />
        <div className="app-header__spacer" />
        <ThemeToggle />
      </header>
      <div className="app-body">
        {!loaded ? (
          <p className="loading">Connecting to the studio…</p>
        ) : workspace ? (
          <>
            <ExplorerPanel workspace={workspace} />
            <Workbench />
          </>
        ) : (
          <WelcomeScreen />
        )}
      </div>
      <StatusBar />
      <NotificationArea />
      <DialogHost />
    </div>
  );
}
