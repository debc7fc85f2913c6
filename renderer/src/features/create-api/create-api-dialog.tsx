import { useId, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { IpcClientError, ipc } from '../../ipc/client';
import { closeDialog } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { notify } from '../notifications/notify';
import { openApiTab } from '../tabs/tabs';
import { applyWorkspace } from '../workspace/workspace-actions';
import './create-api.css';

const ACCEPT = '.yaml,.yml,.json,.graphql,.graphqls,.gql,.wsdl,.xml';
/** Past this a paste is almost surely the wrong file; the host would refuse it anyway. */
const MAX_BYTES = 30 * 1024 * 1024;

interface Failure {
  code: string | null;
  message: string;
}

/**
 * Creates an API from a definition document, pasted or opened. The file is read
 * here in the browser; the host detects the format and writes the apictl folder.
 * A failure keeps everything typed, so the user can fix the document in place.
 */
export function CreateApiDialog() {
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [overrides, setOverrides] = useState({ name: '', version: '', context: '' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = {
    content: useId(),
    file: useId(),
    name: useId(),
    version: useId(),
    context: useId(),
    error: useId(),
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFailure({
        code: null,
        message: `${file.name} is ${Math.round(file.size / 1048576)} MiB; the limit is 30 MiB`,
      });
      return;
    }
    setContent(await file.text());
    setFileName(file.name);
    setFailure(null);
  };

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (content.trim() === '') {
      setFailure({ code: null, message: 'Paste a definition or open a file first.' });
      return;
    }
    setBusy(true);
    setFailure(null);
    const optional = (value: string): string | undefined => value.trim() || undefined;
    try {
      const api = await ipc.apis.create({
        content,
        fileName: fileName ?? undefined,
        name: optional(overrides.name),
        version: optional(overrides.version),
        context: optional(overrides.context),
      });
      // List it before opening its tab, rather than waiting for the change push
      // (which still comes, so a failed read here only delays the listing).
      const info = await ipc.workspace.current({}).catch(() => null);
      if (info) applyWorkspace(info);
      closeDialog();
      openApiTab(api.id);
      notify(`Created ${api.name} ${api.version} in ${api.path}`);
    } catch (err) {
      setFailure({
        code: err instanceof IpcClientError ? err.code : null,
        message: err instanceof Error ? err.message : String(err),
      });
      setBusy(false);
    }
  };

  return (
    <Modal title="New API" onClose={closeDialog} size="large">
      <form className="modal__body create-api" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <div className="create-api__label-row">
            <label htmlFor={ids.content}>Definition</label>
            <span className="field__hint">
              OpenAPI 3 or Swagger 2 (YAML or JSON), GraphQL SDL, AsyncAPI, or WSDL
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => fileRef.current?.click()}
            >
              Open file…
            </button>
            <input
              ref={fileRef}
              id={ids.file}
              type="file"
              accept={ACCEPT}
              className="visually-hidden"
              aria-label="Definition file"
              tabIndex={-1}
              onChange={(e) => void onFile(e)}
            />
          </div>
          <textarea
            id={ids.content}
            className="input input--mono create-api__content"
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              setFileName(null);
            }}
            placeholder={'openapi: 3.0.3\ninfo:\n  title: PetStore\n  version: 1.0.0\npaths: …'}
            spellCheck={false}
            aria-invalid={failure ? true : undefined}
            aria-describedby={failure ? ids.error : undefined}
            data-autofocus
          />
          {fileName && <p className="field__hint">From {fileName}</p>}
        </div>
        <fieldset className="create-api__overrides">
          <legend>Optional: taken from the document when left empty</legend>
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input
              id={ids.name}
              className="input"
              value={overrides.name}
              onChange={(e) => setOverrides((o) => ({ ...o, name: e.target.value }))}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.version}>Version</label>
            <input
              id={ids.version}
              className="input"
              value={overrides.version}
              onChange={(e) => setOverrides((o) => ({ ...o, version: e.target.value }))}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.context}>Context</label>
            <input
              id={ids.context}
              className="input input--mono"
              value={overrides.context}
              placeholder="/petstore"
              onChange={(e) => setOverrides((o) => ({ ...o, context: e.target.value }))}
            />
          </div>
        </fieldset>
        {failure && (
          <div id={ids.error} role="alert" className="form-error">
            <strong>Could not create the API.</strong> {failure.code && <code>{failure.code}</code>}{' '}
            <span>{failure.message}</span>
          </div>
        )}
        <footer className="modal__footer">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create API'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
