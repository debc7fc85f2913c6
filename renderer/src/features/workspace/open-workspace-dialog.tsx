import { useState } from 'react';
import type { FormEvent } from 'react';
import { closeDialog, useApp } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { FolderField } from './folder-field';
import { openWorkspaceAt } from './workspace-actions';

/** File > Open where there is no native picker (the web host), or from the welcome screen. */
export function OpenWorkspaceDialog() {
  const recent = useApp((s) => s.recent);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (target: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await openWorkspaceAt(target);
      closeDialog();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void open(path.trim());
  };

  return (
    <Modal title="Open workspace" onClose={closeDialog}>
      <form className="modal__body" onSubmit={onSubmit}>
        <FolderField
          label="Workspace folder"
          value={path}
          onChange={setPath}
          mode="open"
          hint="The folder on the studio's machine that holds apis/, sequences/ and the other resource folders."
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        {recent.length > 0 && (
          <section aria-labelledby="recent-heading" className="recent">
            <h3 id="recent-heading">Recent</h3>
            <ul className="recent__list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="recent__item"
                    onClick={() => void open(r.path)}
                    disabled={busy}
                  >
                    <span className="recent__name">{r.name}</span>
                    <span className="recent__path">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <footer className="modal__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || path.trim() === ''}
          >
            Open
          </button>
        </footer>
      </form>
    </Modal>
  );
}
