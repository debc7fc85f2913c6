/**
 * A sequence document as canvas nodes and edges, laid out top to bottom, and
 * back. Step nodes carry their step as a "shell" (nested step lists emptied,
 * their count kept); containers are boxes drawn behind their children, one
 * column per branch or case, each column ending in a drop zone ("slot" node).
 * Node ids are document paths (`steps[2].branches[0].steps[1]`), so a
 * validation issue finds its node by prefix.
 */
import type { Sequence, Step } from '../../../../gateway-runtime/src/model/sequences';
import { ROOT_SLOT, slotsOf, stepPath, type SlotPath, type StepPath } from './step-paths';

export const STEP_W = 220;
export const STEP_H = 60;
export const GAP_Y = 28;
export const DROP_H = 44;
export const SLOT_GAP_X = 24;
export const PAD = 16;
export const HEADER_H = 56;

/** A node as the canvas draws it; the React layer passes these to xyflow as they are. */
export type GraphNode =
  | {
      id: 'start';
      type: 'start';
      position: { x: number; y: number };
      data: { header: Omit<Sequence, 'steps'> };
      width: number;
      height: number;
    }
  | {
      id: StepPath;
      type: 'step';
      position: { x: number; y: number };
      data: { path: StepPath; shell: Step; container: boolean };
      width: number;
      height: number;
      zIndex: number;
    }
  | {
      id: string;
      type: 'slot';
      position: { x: number; y: number };
      data: { slot: SlotPath; label: string; length: number };
      width: number;
      height: number;
      zIndex: number;
    };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface SequenceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

interface Size {
  width: number;
  height: number;
}

/** The step with its nested step lists emptied (their number and conditions kept). */
function shellOf(step: Step): Step {
  switch (step.type) {
    case 'parallel':
      return { ...step, branches: step.branches.map((b) => ({ ...b, steps: [] })) };
    case 'switch':
      return {
        ...step,
        cases: step.cases.map((c) => ({ ...c, steps: [] })),
        ...(step.default ? { default: [] } : {}),
      };
    case 'forEach':
      return { ...step, steps: [] };
    default:
      return step;
  }
}

function childSlots(step: Step): Step[][] {
  switch (step.type) {
    case 'parallel':
      return step.branches.map((b) => b.steps);
    case 'switch':
      return [...step.cases.map((c) => c.steps), ...(step.default ? [step.default] : [])];
    case 'forEach':
      return [step.steps];
    default:
      return [];
  }
}

function measureSlot(steps: readonly Step[]): Size {
  let width = STEP_W;
  let height = DROP_H;
  for (const step of steps) {
    const size = measureStep(step);
    width = Math.max(width, size.width);
    height += size.height + GAP_Y;
  }
  return { width, height };
}

function measureStep(step: Step): Size {
  const slots = childSlots(step);
  if (slots.length === 0) return { width: STEP_W, height: STEP_H };
  const sizes = slots.map(measureSlot);
  const width =
    sizes.reduce((sum, s) => sum + s.width, 0) + SLOT_GAP_X * (sizes.length - 1) + 2 * PAD;
  const height = HEADER_H + Math.max(...sizes.map((s) => s.height)) + PAD;
  return { width: Math.max(width, STEP_W), height };
}

/** Lays the document out; the same document always yields the same graph. */
export function documentToGraph(doc: Sequence): SequenceGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const { steps, ...header } = doc;
  const root = measureSlot(steps);
  const startX = (root.width - STEP_W) / 2;
  nodes.push({
    id: 'start',
    type: 'start',
    position: { x: startX, y: 0 },
    data: { header },
    width: STEP_W,
    height: STEP_H,
  });

  const placeSlot = (
    list: readonly Step[],
    slot: SlotPath,
    label: string,
    x: number,
    y: number,
    width: number,
    depth: number,
    from: string | null,
  ): void => {
    let top = y;
    let previous = from;
    list.forEach((step, index) => {
      const path = stepPath(slot, index);
      const size = measureStep(step);
      const left = x + (width - size.width) / 2;
      const container = childSlots(step).length > 0;
      nodes.push({
        id: path,
        type: 'step',
        position: { x: left, y: top },
        data: { path, shell: shellOf(step), container },
        width: size.width,
        height: size.height,
        zIndex: depth,
      });
      if (previous !== null)
        edges.push({ id: `${previous}->${path}`, source: previous, target: path });
      previous = path;
      if (container) {
        const slots = slotsOf(step, path);
        const lists = childSlots(step);
        let columnX = left + PAD;
        slots.forEach((child, i) => {
          const childList = lists[i] ?? [];
          const childSize = measureSlot(childList);
          placeSlot(
            childList,
            child.slot,
            child.label,
            columnX,
            top + HEADER_H,
            childSize.width,
            depth + 1,
            // A branch's first step sits inside its container's box: no edge needed.
            null,
          );
          columnX += childSize.width + SLOT_GAP_X;
        });
      }
      top += size.height + GAP_Y;
    });
    const dropId = `slot:${slot}`;
    nodes.push({
      id: dropId,
      type: 'slot',
      position: { x: x + (width - STEP_W) / 2, y: top },
      data: { slot, label, length: list.length },
      width: STEP_W,
      height: DROP_H - 8,
      zIndex: depth,
    });
    // Only the root's flow continues into its drop zone; a branch's flow ends at its last step.
    if (previous !== null && slot === ROOT_SLOT)
      edges.push({ id: `${previous}->${dropId}`, source: previous, target: dropId });
  };

  placeSlot(steps, ROOT_SLOT, 'End of sequence', 0, STEP_H + GAP_Y, root.width, 0, 'start');
  return { nodes, edges };
}

/** Rebuilds the document from the graph's nodes (edges follow from paths and carry nothing). */
export function graphToDocument(graph: Pick<SequenceGraph, 'nodes'>): Sequence {
  const start = graph.nodes.find((n) => n.type === 'start');
  const bySlot = new Map<SlotPath, { index: number; shell: Step }[]>();
  for (const node of graph.nodes) {
    if (node.type !== 'step') continue;
    const match = /^(.*)\[(\d+)\]$/.exec(node.data.path);
    if (!match) continue;
    const list = bySlot.get(match[1]!) ?? [];
    list.push({ index: Number(match[2]), shell: node.data.shell });
    bySlot.set(match[1]!, list);
  }
  const assemble = (slot: SlotPath): Step[] =>
    (bySlot.get(slot) ?? [])
      .sort((a, b) => a.index - b.index)
      .map(({ index, shell }) => fill(shell, stepPath(slot, index)));
  const fill = (shell: Step, path: StepPath): Step => {
    switch (shell.type) {
      case 'parallel':
        return {
          ...shell,
          branches: shell.branches.map((b, i) => ({
            ...b,
            steps: assemble(`${path}.branches[${i}].steps`),
          })),
        };
      case 'switch':
        return {
          ...shell,
          cases: shell.cases.map((c, i) => ({
            ...c,
            steps: assemble(`${path}.cases[${i}].steps`),
          })),
          ...(shell.default ? { default: assemble(`${path}.default`) } : {}),
        };
      case 'forEach':
        return { ...shell, steps: assemble(`${path}.steps`) };
      default:
        return shell;
    }
  };
  const header = start?.type === 'start' ? start.data.header : { name: '' };
  return { ...header, steps: assemble(ROOT_SLOT) };
}
