/**
 * Addresses inside a sequence document, written exactly as the gateway's
 * validation reports field paths: a slot (a list of steps) is `steps`,
 * `steps[2].branches[0].steps`, `steps[2].cases[1].steps`, `steps[2].default` or
 * `steps[2].steps`; a step is its slot plus an index, `steps[2].branches[0].steps[1]`.
 * So a validation issue maps onto the node it is about by prefix.
 */
import type { Sequence, Step } from '../../../../gateway-runtime/src/model/sequences';

/** A list of steps in the document. */
export type SlotPath = string;
/** One step in the document. */
export type StepPath = string;

export const ROOT_SLOT: SlotPath = 'steps';

export function stepPath(slot: SlotPath, index: number): StepPath {
  return `${slot}[${index}]`;
}

/** `steps[2].branches[0].steps[1]` -> `{ slot: 'steps[2].branches[0].steps', index: 1 }`. */
export function splitStepPath(path: StepPath): { slot: SlotPath; index: number } {
  const match = /^(.*)\[(\d+)\]$/.exec(path);
  if (!match) throw new Error(`not a step path: ${path}`);
  return { slot: match[1]!, index: Number(match[2]) };
}

/** The slot that holds a step's slot, i.e. the step that owns `slot`, or null for the root. */
export function ownerOf(slot: SlotPath): StepPath | null {
  if (slot === ROOT_SLOT) return null;
  // Branch and case suffixes first: they also end in `.steps`.
  for (const suffix of [
    /^(.*\])\.branches\[\d+\]\.steps$/,
    /^(.*\])\.cases\[\d+\]\.steps$/,
    /^(.*\])\.default$/,
    /^(.*\])\.steps$/,
  ]) {
    const match = suffix.exec(slot);
    if (match) return match[1]!;
  }
  throw new Error(`not a slot path: ${slot}`);
}

/** True when `inner` is `outer` or lies inside it (a step cannot move into itself). */
export function isWithin(inner: string, outer: StepPath): boolean {
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/** Every slot a container step owns, in display order. */
export function slotsOf(step: Step, path: StepPath): { slot: SlotPath; label: string }[] {
  switch (step.type) {
    case 'parallel':
      return step.branches.map((_, i) => ({
        slot: `${path}.branches[${i}].steps`,
        label: `Branch ${i + 1}`,
      }));
    case 'switch':
      return [
        ...step.cases.map((c, i) => ({
          slot: `${path}.cases[${i}].steps`,
          label: `Case ${i + 1}: ${c.condition || '(no condition)'}`,
        })),
        ...(step.default ? [{ slot: `${path}.default`, label: 'Default' }] : []),
      ];
    case 'forEach':
      return [{ slot: `${path}.steps`, label: `For each ${step.variable || '(item)'}` }];
    default:
      return [];
  }
}

/** The steps of a slot, or `undefined` when the path does not exist in this document. */
export function getSlot(doc: Sequence, slot: SlotPath): Step[] | undefined {
  if (slot === ROOT_SLOT) return doc.steps;
  const owner = ownerOf(slot);
  if (owner === null) return doc.steps;
  const step = getStep(doc, owner);
  if (!step) return undefined;
  const rest = slot.slice(owner.length + 1);
  const branch = /^branches\[(\d+)\]\.steps$/.exec(rest);
  if (branch && step.type === 'parallel') return step.branches[Number(branch[1])]?.steps;
  const kase = /^cases\[(\d+)\]\.steps$/.exec(rest);
  if (kase && step.type === 'switch') return step.cases[Number(kase[1])]?.steps;
  if (rest === 'default' && step.type === 'switch') return step.default;
  if (rest === 'steps' && step.type === 'forEach') return step.steps;
  return undefined;
}

export function getStep(doc: Sequence, path: StepPath): Step | undefined {
  const { slot, index } = splitStepPath(path);
  return getSlot(doc, slot)?.[index];
}

/** A copy of the document with one slot's list replaced (every level above it copied). */
export function withSlot(doc: Sequence, slot: SlotPath, steps: Step[]): Sequence {
  if (slot === ROOT_SLOT) return { ...doc, steps };
  const owner = ownerOf(slot)!;
  const step = getStep(doc, owner);
  if (!step) throw new Error(`no step at ${owner}`);
  const rest = slot.slice(owner.length + 1);
  let next: Step;
  const branch = /^branches\[(\d+)\]\.steps$/.exec(rest);
  const kase = /^cases\[(\d+)\]\.steps$/.exec(rest);
  if (branch && step.type === 'parallel') {
    const at = Number(branch[1]);
    next = { ...step, branches: step.branches.map((b, i) => (i === at ? { ...b, steps } : b)) };
  } else if (kase && step.type === 'switch') {
    const at = Number(kase[1]);
    next = { ...step, cases: step.cases.map((c, i) => (i === at ? { ...c, steps } : c)) };
  } else if (rest === 'default' && step.type === 'switch') {
    next = { ...step, default: steps };
  } else if (rest === 'steps' && step.type === 'forEach') {
    next = { ...step, steps };
  } else {
    throw new Error(`no slot ${slot}`);
  }
  return withStep(doc, owner, next);
}

/** A copy of the document with one step replaced. */
export function withStep(doc: Sequence, path: StepPath, step: Step): Sequence {
  const { slot, index } = splitStepPath(path);
  const list = getSlot(doc, slot);
  if (!list || index >= list.length) throw new Error(`no step at ${path}`);
  return withSlot(
    doc,
    slot,
    list.map((s, i) => (i === index ? step : s)),
  );
}

/** The step a validation issue is about: the longest step path its field path starts with. */
export function stepOfIssue(issue: { path: string }): StepPath | null {
  const steps = /(?:^steps|\.steps|\.default)\[\d+\]/g;
  let end = -1;
  for (let m = steps.exec(issue.path); m !== null; m = steps.exec(issue.path)) {
    end = m.index + m[0].length;
  }
  return end === -1 ? null : issue.path.slice(0, end);
}
