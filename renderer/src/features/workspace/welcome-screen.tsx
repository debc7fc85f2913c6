import { runCommand } from '../commands/commands';
import { useApp } from '../../state/app-store';
import { openRecent } from './workspace-actions';
import { shortcutLabel } from '../commands/shortcut-label';

/** What the studio shows with no workspace open: the ways to get one. */
export function WelcomeScreen() {
  const recent = useApp((s) => s.recent);
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <div className="welcome__card">
        <h1 id="welcome-title">Welcome to Portico</h1>
        <p className="welcome__lead">
          A workspace is a folder of API definitions and gateway settings, one file per resource,
          ready to commit to git.
        </p>
        <div className="welcome__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => runCommand('workspace.open')}
          >
            Open workspace… <kbd>{shortcutLabel('workspace.open')}</kbd>
          </button>
          <button type="button" className="button" onClick={() => runCommand('workspace.new')}>
            New workspace… <kbd>{shortcutLabel('workspace.new')}</kbd>
          </button>
        </div>
        {recent.length > 0 && (
          <section aria-labelledby="welcome-recent" className="recent">
            <h2 id="welcome-recent">Recent workspaces</h2>
            <ul className="recent__list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="recent__item"
                    onClick={() => void openRecent(r.path)}
                  >
                    <span className="recent__name">{r.name}</span>
                    <span className="recent__path">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
