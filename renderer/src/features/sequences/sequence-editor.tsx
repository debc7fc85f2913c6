/**
 * One sequence's tab: palette, canvas and a side panel (the selected step's
 * settings, the YAML, or the try panel), with undo/redo (buttons, and
 * Ctrl+Z / Ctrl+Shift+Z while the canvas has focus) and save (button, Ctrl+S).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { registerSaver } from '../commands/commands';
import { SequenceCanvas, type Target } from './sequence-canvas';
import {
  ROOT_SLOT,
  getSlot,
  insertStep,
  knownVariables,
  moveStep,
  newStep,
  removeStep,
  slotsOf,
  stepPath,
  type Sequence,
  type SlotPath,
  type StepPath,
  type StepType,
} from './sequence-model';
import { StepForm } from './step-form';
import { StepPalette } from './step-palette';
import { SequenceYaml } from './sequence-yaml';
import { TryPanel } from './try-panel';
import { useSequenceDocument } from './use-sequence-document';
import { getStep, ownerOf, stepOfIssue } from './step-paths';

type Side = 'step' | 'yaml' | 'try';

function slotLabel(doc: Sequence, slot: SlotPath): string {
  if (slot === ROOT_SLOT) return 'End of sequence';
  const owner = ownerOf(slot);
  const step = owner ? getStep(doc, owner) : undefined;
  const found = step && owner ? slotsOf(step, owner).find((s) => s.slot === slot) : undefined;
  return found ? `${found.label} of ${owner}` : slot;
}

export function SequenceEditor({ name, tabId }: { name: string; tabId: string }) {
  const state = useSequenceDocument(name, tabId);
  const doc = state.history.present;
  const [selected, setSelected] = useState<StepPath | null>(null);
  const [insertion, setInsertion] = useState<SlotPath | null>(null);
  const [side, setSide] = useState<Side>('step');
  const variables = useMemo(() => knownVariables(doc), [doc]);

  const saveRef = useRef(state.save);
  useEffect(() => {
    saveRef.current = state.save;
  }, [state.save]);
  useEffect(() => registerSaver(tabId, () => void saveRef.current()), [tabId]);

  // A selection or insertion point that no longer exists (after undo, say) is dropped.
  const validSelected = selected !== null && getStep(doc, selected) ? selected : null;
  const validInsertion = insertion !== null && getSlot(doc, insertion) ? insertion : null;

  const target = (): Target => {
    if (validInsertion)
      return { slot: validInsertion, index: getSlot(doc, validInsertion)!.length };
    if (validSelected) {
      const match = /^(.*)\[(\d+)\]$/.exec(validSelected)!;
      return { slot: match[1]!, index: Number(match[2]) + 1 };
    }
    return { slot: ROOT_SLOT, index: doc.steps.length };
  };
  const targetLabel = validInsertion
    ? slotLabel(doc, validInsertion)
    : validSelected
      ? `after ${validSelected}`
      : 'End of sequence';

  const add = (type: StepType, at: Target = target()): void => {
    const length = getSlot(doc, at.slot)?.length ?? 0;
    const index = Math.min(at.index, length);
    state.edit(insertStep(doc, at.slot, index, newStep(type)));
    setSelected(stepPath(at.slot, index));
    setSide('step');
  };

  const issuesFor = useCallback(
    (path: string) => state.issues.filter((issue) => stepOfIssue(issue) === path),
    [state.issues],
  );

  const onKeyDown = (e: KeyboardEvent): void => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z' && !e.shiftKey) state.undo();
    else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) state.redo();
    else if (
      (e.key === 'Delete' || e.key === 'Backspace') &&
      validSelected &&
      e.target === e.currentTarget
    ) {
      state.edit(removeStep(doc, validSelected));
      setSelected(null);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (state.status === 'loading') return <p className="seq-loading">Loading {name}…</p>;
  if (state.status === 'missing')
    return <p className="seq-loading">The sequence {name} could not be opened.</p>;

  const sideTabs: { id: Side; label: string }[] = [
    { id: 'step', label: 'Step' },
    { id: 'yaml', label: 'YAML' },
    { id: 'try', label: 'Try' },
  ];

  return (
    <div className="seq-editor">
      <div className="seq-toolbar" role="toolbar" aria-label="Sequence actions">
        <h2 className="seq-toolbar__title">
          {name}
          {state.dirty && <span aria-label="unsaved changes"> •</span>}
        </h2>
        <button
          type="button"
          className="button button--small"
          onClick={state.undo}
          disabled={state.history.past.length === 0}
        >
          Undo
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={state.redo}
          disabled={state.history.future.length === 0}
        >
          Redo
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => void state.save()}
          disabled={state.saving || !state.dirty}
        >
          Save
        </button>
        <span
          className={`seq-toolbar__status${state.issues.length > 0 ? ' has-issues' : ''}`}
          role="status"
        >
          {state.issues.length === 0
            ? 'Valid'
            : `${state.issues.length} problem${state.issues.length === 1 ? '' : 's'}`}
        </span>
      </div>
      <div className="seq-body">
        <div
          className="seq-main"
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-label="Canvas and palette"
        >
          <StepPalette onAdd={(type) => add(type)} target={targetLabel} />
          <div className="seq-canvas-column">
            <SequenceCanvas
              document={doc}
              issues={state.issues}
              selected={validSelected}
              insertion={validInsertion}
              issuesFor={issuesFor}
              select={(path) => {
                setSelected(path);
                setInsertion(null);
                if (path) setSide('step');
              }}
              chooseSlot={(slot) => {
                setInsertion(slot);
                setSelected(null);
              }}
              dropNew={(type, at) => add(type, at)}
              dropMove={(from, at) => {
                state.edit(moveStep(doc, from, at.slot, at.index));
                setSelected(null);
              }}
            />
            {state.issues.length > 0 && (
              <ul className="seq-issues" aria-label="Problems">
                {state.issues.map((issue, i) => {
                  const owner = stepOfIssue(issue);
                  return (
                    <li key={i}>
                      <button
                        type="button"
                        className="seq-link"
                        disabled={owner === null}
                        onClick={() => {
                          setSelected(owner);
                          setSide('step');
                        }}
                      >
                        <code>{issue.path}</code>
                      </button>{' '}
                      {issue.message}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </div>
        <aside className="seq-side">
          <div role="group" aria-label="Side panel" className="seq-side__tabs">
            {sideTabs.map((t) => (
              <button
                key={t.id}
                type="button"
                aria-pressed={side === t.id}
                className={side === t.id ? 'is-active' : undefined}
                onClick={() => setSide(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="seq-side__body">
            {side === 'step' &&
              (validSelected ? (
                <StepForm
                  document={doc}
                  path={validSelected}
                  issues={state.issues}
                  variables={variables}
                  edit={state.edit}
                  select={setSelected}
                />
              ) : (
                <p className="seq-side__hint">
                  Select a step to configure it. Add steps from the palette: press one to add it at
                  “{targetLabel}”, or drag it onto the canvas.
                </p>
              ))}
            {side === 'yaml' && (
              <SequenceYaml yaml={state.yaml} onEdit={(text) => void state.applyYaml(text)} />
            )}
            {side === 'try' && <TryPanel document={doc} />}
          </div>
        </aside>
      </div>
    </div>
  );
}
