import { useId, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { ApiSummary } from '../../../../main/ipc/contract';
import { IpcClientError, ipc } from '../../ipc/client';
import { closeDialog } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { notify } from '../notifications/notify';
import { openApiTab } from '../tabs/tabs';
import { applyWorkspace } from '../workspace/workspace-actions';
import { FolderSource, type FolderValue } from './folder-source';
import { PasteSource, type PasteValue } from './paste-source';
import './create-api.css';

interface Failure {
  code: string | null;
  message: string;
}

type Source = 'paste' | 'url' | 'folder';

const sources: { key: Source; label: string }[] = [
  { key: 'paste', label: 'Paste or open file' },
  { key: 'url', label: 'From URL' },
  { key: 'folder', label: 'Multi-file folder' },
];

/**
 * Creates an API from a definition: pasted or opened (OpenAPI, GraphQL SDL or
 * introspection JSON, AsyncAPI, WSDL, Postman collection), fetched from a URL by the
 * host, or a multi-file folder with a root. The host detects the format and writes
 * the apictl folder. A failure keeps everything entered, so it can be fixed in place.
 */
export function CreateApiDialog() {
  const [source, setSource] = useState<Source>('paste');
  const [paste, setPaste] = useState<PasteValue>({ content: '', fileName: null });
  const [url, setUrl] = useState('');
  const [folder, setFolder] = useState<FolderValue>({ files: [], rootFile: '' });
  const [overrides, setOverrides] = useState({ name: '', version: '', context: '' });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = {
    name: useId(),
    version: useId(),
    context: useId(),
    error: useId(),
    url: useId(),
    tabs: useId(),
  };

  const problem = (message: string): void => setFailure({ code: null, message });

  const request = (): Promise<ApiSummary> | null => {
    const optional = (value: string): string | undefined => value.trim() || undefined;
    const named = {
      name: optional(overrides.name),
      version: optional(overrides.version),
      context: optional(overrides.context),
    };
    if (source === 'url') {
      if (url.trim() === '')
        return (problem('Enter the http:// or https:// URL of a definition.'), null);
      return ipc.apis.importUrl({ url: url.trim(), ...named });
    }
    if (source === 'folder') {
      if (folder.files.length === 0)
        return (problem('Choose the folder that holds the definition first.'), null);
      return ipc.apis.importFiles({ rootFile: folder.rootFile, files: folder.files, ...named });
    }
    if (paste.content.trim() === '')
      return (problem('Paste a definition or open a file first.'), null);
    return ipc.apis.create({
      content: paste.content,
      fileName: paste.fileName ?? undefined,
      ...named,
    });
  };

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const pending = request();
    if (!pending) return;
    setBusy(true);
    setFailure(null);
    try {
      const api = await pending;
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

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const index = sources.findIndex((s) => s.key === source);
    const next = sources[(index + step + sources.length) % sources.length];
    if (next) {
      setSource(next.key);
      setFailure(null);
      document.getElementById(`${ids.tabs}-${next.key}`)?.focus();
    }
  };

  return (
    <Modal title="New API" onClose={closeDialog} size="large">
      <form className="modal__body create-api" onSubmit={(e) => void onSubmit(e)}>
        <div
          className="create-api__sources"
          role="tablist"
          aria-label="Source"
          onKeyDown={onTabKey}
        >
          {sources.map((s) => (
            <button
              key={s.key}
              id={`${ids.tabs}-${s.key}`}
              type="button"
              role="tab"
              aria-selected={source === s.key}
              aria-controls={`${ids.tabs}-panel`}
              tabIndex={source === s.key ? 0 : -1}
              className="create-api__source"
              onClick={() => {
                setSource(s.key);
                setFailure(null);
              }}
            >
              {s.label}
            </button>
          ))}
        </div>
        <div id={`${ids.tabs}-panel`} role="group" aria-labelledby={`${ids.tabs}-${source}`}>
          {source === 'paste' && (
            <PasteSource
              value={paste}
              onChange={(next) => {
                setPaste(next);
                setFailure(null);
              }}
              onProblem={problem}
              invalid={failure !== null}
              errorId={ids.error}
            />
          )}
          {source === 'url' && (
            <div className="field">
              <label htmlFor={ids.url}>Definition URL</label>
              <input
                id={ids.url}
                type="url"
                className="input input--mono"
                value={url}
                placeholder="https://example.com/openapi.yaml"
                onChange={(e) => setUrl(e.target.value)}
                spellCheck={false}
                aria-invalid={failure ? true : undefined}
                aria-describedby={failure ? ids.error : undefined}
                data-autofocus
              />
              <p className="field__hint">
                Fetched by the studio (http or https, up to 30 MiB). Relative <code>$ref</code>s are
                fetched from beside it.
              </p>
            </div>
          )}
          {source === 'folder' && (
            <FolderSource value={folder} onChange={setFolder} onProblem={problem} />
          )}
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
