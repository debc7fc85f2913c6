/**
 * The assertions editor works on flat drafts (every field a string) and turns them
 * into the contract's assertions on save, saying which row is wrong and why.
 */
import type { Assertion } from '../../../../main/ipc/contract';

export interface AssertionDraft {
  type: Assertion['type'];
  /** Header name or JSON pointer. */
  target: string;
  mode: 'equals' | 'matches' | 'exists' | 'absent';
  value: string;
}

export const modesFor: Record<Assertion['type'], AssertionDraft['mode'][]> = {
  status: ['equals'],
  header: ['equals', 'matches'],
  body: ['equals', 'matches', 'exists', 'absent'],
  time: ['equals'],
};

export function draftOf(a: Assertion): AssertionDraft {
  switch (a.type) {
    case 'status':
      return { type: 'status', target: '', mode: 'equals', value: String(a.equals) };
    case 'time':
      return { type: 'time', target: '', mode: 'equals', value: String(a.underMs) };
    case 'header':
      return a.matches !== undefined
        ? { type: 'header', target: a.name, mode: 'matches', value: a.matches }
        : { type: 'header', target: a.name, mode: 'equals', value: a.equals ?? '' };
    case 'body':
      if (a.exists !== undefined)
        return { type: 'body', target: a.path, mode: a.exists ? 'exists' : 'absent', value: '' };
      if (a.matches !== undefined)
        return { type: 'body', target: a.path, mode: 'matches', value: a.matches };
      return { type: 'body', target: a.path, mode: 'equals', value: JSON.stringify(a.equals) };
  }
}

/** The assertion, or why the row cannot be one (`row 2: ...`). */
export function assertionOf(d: AssertionDraft, row: number): Assertion | string {
  const where = `row ${row + 1}`;
  switch (d.type) {
    case 'status': {
      const n = Number(d.value);
      return Number.isInteger(n) && n >= 100 && n <= 599
        ? { type: 'status', equals: n }
        : `${where}: a status is a number from 100 to 599`;
    }
    case 'time': {
      const n = Number(d.value);
      return n > 0
        ? { type: 'time', underMs: n }
        : `${where}: a time limit is a positive number of ms`;
    }
    case 'header':
      if (!d.target.trim()) return `${where}: name the header`;
      return d.mode === 'matches'
        ? { type: 'header', name: d.target.trim(), matches: d.value }
        : { type: 'header', name: d.target.trim(), equals: d.value };
    case 'body': {
      if (d.target !== '' && !d.target.startsWith('/'))
        return `${where}: a body path is a JSON pointer such as /0/name (or empty for the whole body)`;
      if (d.mode === 'exists' || d.mode === 'absent')
        return { type: 'body', path: d.target, exists: d.mode === 'exists' };
      if (d.mode === 'matches') return { type: 'body', path: d.target, matches: d.value };
      let value: unknown = d.value;
      try {
        value = JSON.parse(d.value);
      } catch {
        // Not JSON: compare as the string typed.
      }
      return { type: 'body', path: d.target, equals: value };
    }
  }
}
