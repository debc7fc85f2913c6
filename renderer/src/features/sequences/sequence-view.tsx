/**
 * The 'sequence' tab kind: with a resource, that sequence's editor; without,
 * the Sequences index (every sequence file, with the form that creates one).
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { sequenceNamePattern, sequenceNameRule } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { EmptyState } from '../../ui/empty-state';
import { TextField } from '../../ui/text-field';
import { reportError } from '../notifications/notify';
import type { ViewProps } from '../tabs/view-registry';
import { SequenceEditor } from './sequence-editor';
import { openSequenceTab } from './sequence-tabs';
import './sequences.css';

function SequencesIndex() {
  const id = useId();
  const resources = useApp((s) => s.workspace?.resources);
  const sequences = useMemo(
    () => (resources ?? []).filter((r) => r.kind === 'sequence'),
    [resources],
  );
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const error = !sequenceNamePattern.test(trimmed)
    ? `Name ${sequenceNameRule}`
    : sequences.some((s) => s.name === trimmed)
      ? `A sequence named ${trimmed} already exists`
      : undefined;

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (error) return;
    setBusy(true);
    try {
      await ipc.sequences.create({ name: trimmed });
      setName('');
      setSubmitted(false);
      openSequenceTab(trimmed);
    } catch (err) {
      reportError(err, 'Could not create the sequence');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="seq-index">
      <h2>Sequences</h2>
      <p>
        A sequence is a list of steps the gateway runs: call backends (in parallel, too), transform
        with JSONata, respond. Use one as an API's production or sandbox endpoint in its settings.
      </p>
      <form onSubmit={(e) => void create(e)} noValidate className="seq-index__form">
        <TextField
          id={id}
          label="New sequence name"
          value={name}
          mono
          placeholder="pet-profile"
          error={submitted ? error : undefined}
          onChange={setName}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          Create sequence
        </button>
      </form>
      {sequences.length === 0 ? (
        <EmptyState title="No sequences in this workspace yet" />
      ) : (
        <ul className="seq-index__list" aria-label="Sequences">
          {sequences.map((s) => (
            <li key={s.path}>
              <button type="button" className="seq-link" onClick={() => openSequenceTab(s.name)}>
                {s.name}
              </button>{' '}
              <code>{s.path}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SequenceView({ tab }: ViewProps) {
  if (!tab.resource) return <SequencesIndex />;
  return <SequenceEditor key={tab.resource} name={tab.resource} tabId={tab.id} />;
}
