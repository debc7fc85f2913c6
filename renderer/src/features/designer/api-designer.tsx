import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { setDirty, setState, useApp } from '../../state/app-store';
import { EmptyState } from '../../ui/empty-state';
import { registerSaver } from '../commands/commands';
import { shortcutLabel } from '../commands/shortcut-label';
import { notify, reportError } from '../notifications/notify';
import { closeTab } from '../tabs/tabs';
import { ApiSettingsForm } from './api-settings-form';
import { apiSections } from './api-sections';
import { OperationsList } from './operations-list';
import { useApiDetail } from './use-api-detail';
import type { EditorDocument } from '../../editor/code-editor';
import { DefinitionArea } from './definition-area';
import { FormView } from './form-view';
import './designer.css';

/** Unsaved edits, and the disk content they started from (to notice a change on disk). */
interface Draft {
  text: string;
  base: string;
}

interface Props {
  tabId: string;
  apiId: string;
}

export function ApiDesigner({ tabId, apiId }: Props) {
  const { detail, error, exists, replace } = useApiDetail(apiId);

  if (!exists) {
    return (
      <EmptyState title={`${apiId} is no longer in the workspace`}>
        <p className="muted">Its folder was removed or renamed on disk.</p>
        <button type="button" className="button" onClick={() => closeTab(tabId, true)}>
          Close tab
        </button>
      </EmptyState>
    );
  }
  if (!detail) {
    return error ? (
      <EmptyState title={`Could not read ${apiId}`}>
        <p role="alert">{error}</p>
      </EmptyState>
    ) : (
      <p className="loading">Loading {apiId}…</p>
    );
  }
  return <DesignerView tabId={tabId} detail={detail} onDetail={replace} />;
}

function DesignerView({
  tabId,
  detail,
  onDetail,
}: {
  tabId: string;
  detail: ApiDetail;
  onDetail(detail: ApiDetail): void;
}) {
  const definition = detail.definition;
  const disk = definition?.content ?? '';
  const [draft, setDraftState] = useState<Draft | null>(null);
  // The same draft, readable at once: Ctrl+S can arrive before React has
  // rendered the last keystroke, and must save what the editor holds.
  const draftRef = useRef<Draft | null>(null);
  const savingRef = useRef(false);
  const [saving, setSaving] = useState(false);
  const dirty = draft !== null && draft.text !== disk;
  const conflict = dirty && draft.base !== disk;

  const setDraft = useCallback((next: Draft | null) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);

  // What the editor loads: the file as on disk, except that a change on disk does
  // not replace unsaved edits (the conflict banner offers that instead).
  const [loaded, setLoaded] = useState<EditorDocument>({ text: disk, revision: 0 });
  const [seenDisk, setSeenDisk] = useState(disk);
  if (disk !== seenDisk) {
    setSeenDisk(disk);
    if (!draft) setLoaded({ text: disk, revision: loaded.revision + 1 });
  }
  const loadFromDisk = (): void => {
    setDraft(null);
    setLoaded({ text: disk, revision: loaded.revision + 1 });
  };

  useEffect(() => {
    setDirty(tabId, dirty);
  }, [tabId, dirty]);
  useEffect(() => () => setDirty(tabId, false), [tabId]);

  const onChange = useCallback(
    (text: string) => {
      setDraft(text === disk ? null : { text, base: draftRef.current?.base ?? disk });
    },
    [disk, setDraft],
  );

  const save = useCallback(async () => {
    const current = draftRef.current;
    if (!current || savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      const saved = await ipc.apis.saveDefinition({ id: detail.id, content: current.text });
      onDetail(saved);
      // Keystrokes typed while the save was in flight stay unsaved.
      const latest = draftRef.current;
      const base = saved.definition?.content ?? current.text;
      setDraft(latest && latest.text !== current.text ? { text: latest.text, base } : null);
      notify(`Saved ${saved.definition?.file ?? saved.id}`);
    } catch (e) {
      reportError(e, `Could not save ${detail.name} ${detail.version}`);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [detail.id, detail.name, detail.version, onDetail, setDraft]);

  useEffect(() => registerSaver(tabId, () => void save()), [tabId, save]);

  const settingsKey = JSON.stringify([
    detail.context,
    detail.isDefaultVersion,
    detail.endpoints,
    detail.throttlingPolicy,
  ]);
  // "definition" or the key of one of `apiSections`; hidden sections stay mounted.
  const [section, setSection] = useState('definition');
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set(['definition']));
  const showSection = (key: string): void => {
    setSection(key);
    setVisited((prev) => (prev.has(key) ? prev : new Set([...prev, key])));
  };
  const [side, setSide] = useState<'details' | 'form'>('details');
  const text = draft?.text ?? disk;
  // A form edit replaces the editor's buffer (undoable there), which reports it back as a change.
  const replaceText = (next: string): void =>
    setLoaded({ text: next, revision: loaded.revision + 1 });

  // A jump request (search hit) naming this API: show the definition; the area reveals the line.
  const revealRequest = useApp((s) => s.reveal);
  const reveal = revealRequest?.apiId === detail.id ? revealRequest : null;
  if (reveal && section !== 'definition') setSection('definition');
  const onRevealed = useCallback(() => setState({ reveal: null }), []);

  return (
    <div className="designer" data-testid="api-designer">
      <header className="designer__header">
        <div className="designer__heading">
          <h2 className="designer__title">
            {detail.name} <span className="designer__version">{detail.version}</span>
          </h2>
          <span className={`badge badge--${detail.type.toLowerCase()}`}>{detail.type}</span>
          <code className="designer__context" title="Context">
            {detail.context}
          </code>
        </div>
        <div className="designer__actions">
          <span className="designer__file" title="Definition file in the workspace">
            {definition?.file ?? detail.path}
          </span>
          <span className="designer__state" role="status">
            {saving ? 'Saving…' : dirty ? 'Unsaved changes' : ''}
          </span>
          <button
            type="button"
            className="button button--primary"
            disabled={!dirty || saving}
            onClick={() => void save()}
            title={`Save (${shortcutLabel('file.save')})`}
          >
            Save
          </button>
        </div>
      </header>
      {conflict && (
        <div className="banner" role="alert">
          <span>The definition changed on disk while you were editing it.</span>
          <button type="button" className="button button--small" onClick={loadFromDisk}>
            Load from disk
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setDraft(draft && { ...draft, base: disk })}
          >
            Keep my edits
          </button>
        </div>
      )}
      {apiSections.length > 0 && (
        <div className="designer__sections" role="tablist" aria-label="API sections">
          {[{ key: 'definition', label: 'Definition' }, ...apiSections].map((s) => (
            <button
              key={s.key}
              type="button"
              role="tab"
              aria-selected={section === s.key}
              className="designer__section-tab"
              onClick={() => showSection(s.key)}
            >
              {s.label}
            </button>
          ))}
        </div>
      )}
      {apiSections
        .filter((s) => visited.has(s.key))
        .map((s) => (
          <div key={s.key} className="designer__section" hidden={section !== s.key}>
            <s.component tabId={tabId} detail={detail} />
          </div>
        ))}
      <div className="designer__body" hidden={section !== 'definition'}>
        {definition ? (
          <DefinitionArea
            detail={detail}
            definition={definition}
            loaded={loaded}
            text={text}
            onChange={onChange}
            reveal={reveal}
            onRevealed={onRevealed}
          />
        ) : (
          <div className="designer__editor">
            <EmptyState title="This API has no definition file" />
          </div>
        )}
        <aside className="designer__side" aria-label="API details">
          {definition?.format === 'openapi' &&
            definition.language !== 'graphql' &&
            definition.language !== 'xml' && (
              <div className="designer__side-tabs" role="tablist" aria-label="Side panel">
                <button
                  type="button"
                  role="tab"
                  aria-selected={side === 'details'}
                  onClick={() => setSide('details')}
                >
                  Details
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={side === 'form'}
                  onClick={() => setSide('form')}
                >
                  Form
                </button>
              </div>
            )}
          {side === 'form' &&
          definition?.format === 'openapi' &&
          (definition.language === 'json' || definition.language === 'yaml') ? (
            <FormView text={text} language={definition.language} onEdit={replaceText} />
          ) : (
            <>
              <OperationsList apiId={detail.id} operations={detail.operations} onSaved={onDetail} />
              <ApiSettingsForm key={settingsKey} detail={detail} onSaved={onDetail} />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
