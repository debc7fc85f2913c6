import { useState } from 'react';
import type { ConsoleRequestSpec, ConsoleResponse } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { Modal } from '../../ui/modal';
import { TextField } from '../../ui/text-field';
import { notify } from '../notifications/notify';
import { assertionOf, type AssertionDraft } from './assertion-drafts';
import { AssertionsEditor } from './assertions-editor';

interface Props {
  apiId: string;
  request: ConsoleRequestSpec;
  response: ConsoleResponse | null;
  onClose(): void;
  onSaved(): void;
}

function suggestedName(request: ConsoleRequestSpec): string {
  const slug = `${request.method}-${request.path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 100) || 'case';
}

/** Names the case and its assertions (starting from the status just received), then saves it. */
export function SaveTestDialog({ apiId, request, response, onClose, onSaved }: Props) {
  const [name, setName] = useState(() => suggestedName(request));
  const [drafts, setDrafts] = useState<AssertionDraft[]>(() => [
    { type: 'status', target: '', mode: 'equals', value: String(response?.status ?? 200) },
  ]);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    const assertions = drafts.map(assertionOf);
    const problem = assertions.find((a): a is string => typeof a === 'string');
    if (problem !== undefined) {
      setError(problem);
      return;
    }
    setSaving(true);
    try {
      await ipc.console.saveTest({
        apiId,
        testCase: { name, request, assertions: assertions.filter((a) => typeof a !== 'string') },
      });
      notify(`Saved test case ${name}`);
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="Save as test case" onClose={onClose} size="large">
      <form
        className="console__save"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id="console-test-name"
          label="Test case name"
          value={name}
          onChange={setName}
          mono
          hint={`Saved as apis/${apiId}/tests/${name || '<name>'}.yaml`}
        />
        <AssertionsEditor drafts={drafts} onChange={setDrafts} />
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="modal__footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save test case'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
