/**
 * The state of one sequence tab: the document with its undo/redo history, the
 * last saved version (for the dirty mark), validation issues and the YAML form
 * from the studio's service (the gateway's own schema), loading and saving.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SequenceIssue } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { setDirty } from '../../state/app-store';
import { notify, reportError } from '../notifications/notify';
import { record, redo, startHistory, undo, type History, type Sequence } from './sequence-model';

/** What a document that is not a sequence at all (YAML of a list, say) loads as. */
function asSequence(document: unknown, name: string): Sequence | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const steps = (document as { steps?: unknown }).steps;
  if (steps !== undefined && !Array.isArray(steps)) return null;
  return { ...(document as Sequence), name, steps: (steps ?? []) as Sequence['steps'] };
}

export interface SequenceDocumentState {
  status: 'loading' | 'ready' | 'missing';
  history: History<Sequence>;
  issues: SequenceIssue[];
  yaml: string;
  dirty: boolean;
  saving: boolean;
  /** Records an edit (undoable). */
  edit(next: Sequence): void;
  undo(): void;
  redo(): void;
  save(): Promise<void>;
  /** Applies YAML typed in the side view; returns the issues when it does not parse into a sequence. */
  applyYaml(text: string): Promise<void>;
}

export function useSequenceDocument(name: string, tabId: string): SequenceDocumentState {
  const [status, setStatus] = useState<SequenceDocumentState['status']>('loading');
  const [history, setHistory] = useState<History<Sequence>>(() =>
    startHistory({ name, steps: [] }),
  );
  const [saved, setSaved] = useState<Sequence | null>(null);
  const [issues, setIssues] = useState<SequenceIssue[]>([]);
  const [yaml, setYaml] = useState('');
  const [saving, setSaving] = useState(false);
  const checkSeq = useRef(0);

  useEffect(() => {
    let cancelled = false;
    ipc.sequences
      .get({ name })
      .then((file) => {
        if (cancelled) return;
        const doc = asSequence(file.document, name) ?? { name, steps: [] };
        setHistory(startHistory(doc));
        setSaved(doc);
        setYaml(file.content);
        setIssues(file.issues);
        setStatus('ready');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setStatus('missing');
        reportError(error, `Could not open the sequence ${name}`);
      });
    return () => {
      cancelled = true;
    };
  }, [name]);

  const present = history.present;
  const dirty = saved !== null && JSON.stringify(saved) !== JSON.stringify(present);

  useEffect(() => {
    setDirty(tabId, dirty);
  }, [tabId, dirty]);
  useEffect(() => () => setDirty(tabId, false), [tabId]);

  // Every change is checked by the service with the gateway's schema; it answers the YAML too.
  useEffect(() => {
    if (status !== 'ready') return;
    const seq = ++checkSeq.current;
    const timer = setTimeout(() => {
      ipc.sequences
        .check({ document: present })
        .then((result) => {
          if (seq !== checkSeq.current) return;
          setIssues(result.issues);
          setYaml(result.yaml);
        })
        .catch((error: unknown) => reportError(error, 'Could not check the sequence'));
    }, 120);
    return () => clearTimeout(timer);
  }, [present, status]);

  const edit = useCallback((next: Sequence) => setHistory((h) => record(h, next)), []);

  const save = useCallback(async () => {
    setSaving(true);
    try {
      const file = await ipc.sequences.save({ name, document: present });
      const doc = asSequence(file.document, name) ?? present;
      setSaved(doc);
      setHistory((h) => (JSON.stringify(h.present) === JSON.stringify(doc) ? h : record(h, doc)));
      notify(`Saved the sequence ${name}`);
    } catch (error) {
      reportError(error, `Could not save the sequence ${name}`);
    } finally {
      setSaving(false);
    }
  }, [name, present]);

  const applyYaml = useCallback(
    async (text: string) => {
      const seq = ++checkSeq.current;
      const result = await ipc.sequences.check({ content: text });
      if (seq !== checkSeq.current) return;
      const doc = asSequence(result.document, name);
      setIssues(
        doc || result.issues.length > 0
          ? result.issues
          : [{ path: '(root)', message: 'must be a mapping with name and steps' }],
      );
      if (doc) setHistory((h) => record(h, doc));
    },
    [name],
  );

  return {
    status,
    history,
    issues,
    yaml,
    dirty,
    saving,
    edit,
    undo: () => setHistory(undo),
    redo: () => setHistory(redo),
    save,
    applyYaml,
  };
}
