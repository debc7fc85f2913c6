/**
 * The canvas model, kept apart from React so it is unit-testable: editing
 * operations on a sequence document (add, remove, move, nest, update), undo/redo
 * history, and the document <-> nodes/edges mapping with its layout. Every
 * operation is pure: it returns a new document and leaves its input untouched.
 */
import type { Sequence, Step } from '../../../../gateway-runtime/src/model/sequences';
import {
  getSlot,
  getStep,
  isWithin,
  ownerOf,
  splitStepPath,
  withSlot,
  withStep,
  type SlotPath,
  type StepPath,
} from './step-paths';

export {
  ROOT_SLOT,
  getSlot,
  getStep,
  slotsOf,
  stepPath,
  type SlotPath,
  type StepPath,
} from './step-paths';

export type StepType = Step['type'];

/** The palette, in the order it is shown, with what each step does. */
export const stepCatalogue: readonly { type: StepType; label: string; hint: string }[] = [
  { type: 'call', label: 'Call', hint: 'Call an HTTP endpoint; its answer lands in a variable' },
  { type: 'parallel', label: 'Parallel', hint: 'Run branches at the same time (scatter-gather)' },
  { type: 'transform', label: 'Transform', hint: 'Replace the body with a JSONata result' },
  { type: 'respond', label: 'Respond', hint: 'Answer the caller and end the run' },
  { type: 'setVariable', label: 'Set variable', hint: 'Store a JSONata result in a variable' },
  { type: 'setHeader', label: 'Set header', hint: 'Set a request header' },
  { type: 'removeHeader', label: 'Remove header', hint: 'Remove a request header' },
  { type: 'log', label: 'Log', hint: 'Write a line to the gateway log' },
  { type: 'switch', label: 'Switch', hint: 'Run the first case whose condition holds' },
  { type: 'forEach', label: 'For each', hint: 'Run steps once per item of a list' },
  { type: 'send', label: 'Send', hint: "Forward the message to the API's endpoint" },
  { type: 'fault', label: 'Fault', hint: 'End the run with an error' },
];

/** A new step of a type, with the fields it needs filled with editable starting values. */
export function newStep(type: StepType): Step {
  switch (type) {
    case 'log':
      return { type, message: 'reached here', level: 'info' };
    case 'setHeader':
      return { type, name: 'x-example', value: "'value'" };
    case 'removeHeader':
      return { type, name: 'x-example' };
    case 'setVariable':
      return { type, name: 'value', value: 'request.body' };
    case 'transform':
      return { type, expression: 'request.body' };
    case 'call':
      return {
        type,
        endpoint: { type: 'http', url: 'http://127.0.0.1:8080/', method: 'GET' },
        variable: 'result',
      };
    case 'parallel':
      return { type, branches: [{ steps: [] }, { steps: [] }] };
    case 'switch':
      return { type, cases: [{ condition: "request.method = 'GET'", steps: [] }], default: [] };
    case 'forEach':
      return { type, items: 'request.body.items', variable: 'item', steps: [] };
    case 'send':
      return { type };
    case 'respond':
      return { type, status: 200 };
    case 'fault':
      return { type, status: 500, code: 'FAILED', message: 'The sequence failed' };
  }
}

/** Inserts a step into a slot at `index` (clamped to the slot's length). */
export function insertStep(doc: Sequence, slot: SlotPath, index: number, step: Step): Sequence {
  const list = getSlot(doc, slot);
  if (!list) throw new Error(`no slot ${slot}`);
  const at = Math.max(0, Math.min(index, list.length));
  return withSlot(doc, slot, [...list.slice(0, at), step, ...list.slice(at)]);
}

export function removeStep(doc: Sequence, path: StepPath): Sequence {
  const { slot, index } = splitStepPath(path);
  const list = getSlot(doc, slot);
  if (!list || index >= list.length) throw new Error(`no step at ${path}`);
  return withSlot(
    doc,
    slot,
    list.filter((_, i) => i !== index),
  );
}

export function updateStep(doc: Sequence, path: StepPath, step: Step): Sequence {
  return withStep(doc, path, step);
}

/**
 * Moves a step into a slot (the same one to reorder, another to nest or un-nest)
 * before the step now at `index`. A container cannot move into itself.
 * Returns the document unchanged when the move is impossible or a no-op.
 */
export function moveStep(doc: Sequence, from: StepPath, toSlot: SlotPath, index: number): Sequence {
  if (isWithin(toSlot, from)) return doc;
  const step = getStep(doc, from);
  if (!step || !getSlot(doc, toSlot)) return doc;
  const source = splitStepPath(from);
  let target = index;
  if (source.slot === toSlot) {
    if (index === source.index || index === source.index + 1) return doc;
    if (index > source.index) target -= 1;
    return insertStep(removeStep(doc, from), toSlot, target, step);
  }
  // Removing the step shifts later siblings (and the slots inside them) up by one.
  const removed = removeStep(doc, from);
  return insertStep(removed, shiftAfterRemoval(toSlot, source.slot, source.index), target, step);
}

/** The path `path` takes after the step at `slot[index]` is removed. */
export function shiftAfterRemoval(path: string, slot: SlotPath, index: number): string {
  const prefix = `${slot}[`;
  if (!path.startsWith(prefix)) return path;
  const match = /^(\d+)\]/.exec(path.slice(prefix.length));
  if (!match) return path;
  const n = Number(match[1]);
  if (n <= index) return path;
  return `${prefix}${n - 1}${path.slice(prefix.length + match[1]!.length)}`;
}

/** Moves a step one place up or down within its slot. */
export function nudgeStep(doc: Sequence, path: StepPath, delta: -1 | 1): Sequence {
  const { slot, index } = splitStepPath(path);
  const length = getSlot(doc, slot)?.length ?? 0;
  const to = index + delta;
  if (to < 0 || to >= length) return doc;
  return moveStep(doc, path, slot, delta === 1 ? index + 2 : index - 1);
}

/** Adds a branch to a parallel step, or a case to a switch step. */
export function addSlot(doc: Sequence, path: StepPath): Sequence {
  const step = getStep(doc, path);
  if (step?.type === 'parallel')
    return withStep(doc, path, { ...step, branches: [...step.branches, { steps: [] }] });
  if (step?.type === 'switch') {
    return withStep(doc, path, {
      ...step,
      cases: [...step.cases, { condition: 'true', steps: [] }],
    });
  }
  return doc;
}

/** Removes a branch or case (a parallel keeps at least one branch). */
export function removeSlot(doc: Sequence, slot: SlotPath): Sequence {
  const owner = ownerOf(slot);
  if (owner === null) return doc;
  const step = getStep(doc, owner);
  const rest = slot.slice(owner.length + 1);
  const at = Number(/\[(\d+)\]/.exec(rest)?.[1] ?? -1);
  if (step?.type === 'parallel' && step.branches.length > 1 && rest.startsWith('branches'))
    return withStep(doc, owner, { ...step, branches: step.branches.filter((_, i) => i !== at) });
  if (step?.type === 'switch' && rest.startsWith('cases'))
    return withStep(doc, owner, { ...step, cases: step.cases.filter((_, i) => i !== at) });
  if (step?.type === 'switch' && rest === 'default') {
    const { default: _dropped, ...without } = step;
    return withStep(doc, owner, without);
  }
  return doc;
}

/** Variable names the document defines (for expression suggestions), in first-seen order. */
export function knownVariables(doc: Sequence): string[] {
  const names = new Set<string>();
  const visit = (steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step.type === 'setVariable' || step.type === 'forEach')
        names.add(step.type === 'forEach' ? step.variable : step.name);
      if (step.type === 'call') names.add(step.variable);
      if (step.type === 'parallel') step.branches.forEach((b) => visit(b.steps));
      if (step.type === 'switch') {
        step.cases.forEach((c) => visit(c.steps));
        if (step.default) visit(step.default);
      }
      if (step.type === 'forEach') visit(step.steps);
    }
  };
  visit(doc.steps);
  return [...names].filter((n) => n !== '');
}

/** Undo/redo history of documents: `present` is what the canvas shows. */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
}

/** How many edits undo can go back. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records an edit; an edit that changes nothing is not recorded. */
export function record<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history;
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
  };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export type { Sequence, Step };
export { documentToGraph, graphToDocument, type SequenceGraph } from './sequence-graph';
