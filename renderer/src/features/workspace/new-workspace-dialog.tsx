import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { closeDialog } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { FolderField } from './folder-field';
import { createWorkspaceAt } from './workspace-actions';

export function NewWorkspaceDialog() {
  const [path, setPath] = useState('');
  const [sample, setSample] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sampleId = useId();

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createWorkspaceAt(path.trim(), sample);
      closeDialog();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Modal title="New workspace" onClose={closeDialog}>
      <form className="modal__body" onSubmit={(e) => void onSubmit(e)}>
        <FolderField
          label="Workspace folder"
          value={path}
          onChange={setPath}
          mode="create"
          hint="A new or empty folder; it is created if missing. Commit it to git to share it."
        />
        <div className="field field--inline">
          <input
            id={sampleId}
            type="checkbox"
            checked={sample}
            onChange={(e) => setSample(e.target.checked)}
          />
          <label htmlFor={sampleId}>Add the sample APIs (PetStore, StarWars, Streetlights)</label>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
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
            Create workspace
          </button>
        </footer>
      </form>
    </Modal>
  );
}
