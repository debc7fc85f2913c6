import { describe, expect, it } from 'vitest';
import type { Sequence } from '../../../../gateway-runtime/src/model/sequences';
import {
  addSlot,
  documentToGraph,
  getStep,
  graphToDocument,
  insertStep,
  knownVariables,
  moveStep,
  newStep,
  nudgeStep,
  record,
  redo,
  removeSlot,
  removeStep,
  startHistory,
  undo,
  updateStep,
} from './sequence-model';
import { stepOfIssue } from './step-paths';

const call = (variable: string, url = 'http://127.0.0.1:9001/') => ({
  type: 'call' as const,
  endpoint: { type: 'http' as const, url },
  variable,
});

const scatterGather: Sequence = {
  name: 'pet-profile',
  steps: [
    { type: 'parallel', branches: [{ steps: [call('pet')] }, { steps: [call('owner')] }] },
    { type: 'transform', expression: '$merge([variables.pet.body, variables.owner.body])' },
    { type: 'respond', status: 200 },
  ],
};

describe('sequence model operations', () => {
  it('inserts into the root and into a branch without touching the input', () => {
    const empty: Sequence = { name: 's', steps: [] };
    const one = insertStep(empty, 'steps', 0, newStep('parallel'));
    const nested = insertStep(one, 'steps[0].branches[1].steps', 0, call('b'));
    expect(empty.steps).toEqual([]);
    expect(getStep(nested, 'steps[0].branches[1].steps[0]')).toEqual(call('b'));
    expect(getStep(nested, 'steps[0]')?.type).toBe('parallel');
  });

  it('removes and updates steps by path', () => {
    const removed = removeStep(scatterGather, 'steps[0].branches[0].steps[0]');
    expect(getStep(removed, 'steps[0].branches[0].steps[0]')).toBeUndefined();
    const updated = updateStep(scatterGather, 'steps[2]', { type: 'respond', status: 201 });
    expect(getStep(updated, 'steps[2]')).toEqual({ type: 'respond', status: 201 });
    expect(getStep(scatterGather, 'steps[2]')).toEqual({ type: 'respond', status: 200 });
  });

  it('reorders within a slot', () => {
    const moved = moveStep(scatterGather, 'steps[2]', 'steps', 0);
    expect(moved.steps.map((s) => s.type)).toEqual(['respond', 'parallel', 'transform']);
    const down = nudgeStep(scatterGather, 'steps[0]', 1);
    expect(down.steps.map((s) => s.type)).toEqual(['transform', 'parallel', 'respond']);
    expect(nudgeStep(scatterGather, 'steps[0]', -1)).toBe(scatterGather);
  });

  it('nests a root step into a later container and un-nests it again', () => {
    const doc: Sequence = {
      name: 's',
      steps: [{ type: 'log', message: 'hi' }, newStep('forEach')],
    };
    // The forEach moves up to steps[0] once the log is removed; the target follows it.
    const nested = moveStep(doc, 'steps[0]', 'steps[1].steps', 0);
    expect(nested.steps).toHaveLength(1);
    expect(getStep(nested, 'steps[0].steps[0]')).toEqual({ type: 'log', message: 'hi' });
    const back = moveStep(nested, 'steps[0].steps[0]', 'steps', 1);
    expect(back.steps.map((s) => s.type)).toEqual(['forEach', 'log']);
  });

  it('refuses to move a container into itself', () => {
    expect(moveStep(scatterGather, 'steps[0]', 'steps[0].branches[0].steps', 0)).toBe(
      scatterGather,
    );
  });

  it('adds and removes branches and cases; a parallel keeps one branch', () => {
    const three = addSlot(scatterGather, 'steps[0]');
    const p = getStep(three, 'steps[0]');
    expect(p?.type === 'parallel' && p.branches.length).toBe(3);
    const single = removeSlot(
      removeSlot(three, 'steps[0].branches[2].steps'),
      'steps[0].branches[1].steps',
    );
    const q = getStep(single, 'steps[0]');
    expect(q?.type === 'parallel' && q.branches.length).toBe(1);
    expect(removeSlot(single, 'steps[0].branches[0].steps')).toBe(single);
    const sw = insertStep(single, 'steps', 0, newStep('switch'));
    const noDefault = removeSlot(sw, 'steps[0].default');
    const s = getStep(noDefault, 'steps[0]');
    expect(s?.type === 'switch' && 'default' in s).toBe(false);
  });

  it('lists the variables the document defines', () => {
    expect(knownVariables(scatterGather)).toEqual(['pet', 'owner']);
  });
});

describe('issue paths', () => {
  it('find the step they are about', () => {
    expect(stepOfIssue({ path: 'steps[0].branches[1].steps[0].endpoint.url' })).toBe(
      'steps[0].branches[1].steps[0]',
    );
    expect(stepOfIssue({ path: 'steps[2].cases[0].condition' })).toBe('steps[2]');
    expect(stepOfIssue({ path: 'steps[1].default[3]' })).toBe('steps[1].default[3]');
    expect(stepOfIssue({ path: 'name' })).toBeNull();
  });
});

describe('history', () => {
  it('undoes and redoes, and a new edit clears the redo list', () => {
    let h = startHistory(1);
    h = record(h, 2);
    h = record(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = redo(h);
    expect(h.present).toBe(3);
    h = undo(undo(h));
    expect(h.present).toBe(1);
    expect(undo(h)).toBe(h);
    h = record(h, 5);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(record(h, h.present)).toBe(h);
  });
});

describe('graph', () => {
  it('lays out nested branches side by side and inside their container', () => {
    const { nodes, edges } = documentToGraph(scatterGather);
    const parallel = nodes.find((n) => n.id === 'steps[0]')!;
    const left = nodes.find((n) => n.id === 'steps[0].branches[0].steps[0]')!;
    const right = nodes.find((n) => n.id === 'steps[0].branches[1].steps[0]')!;
    expect(left.position.y).toBe(right.position.y);
    expect(left.position.x).toBeLessThan(right.position.x);
    for (const child of [left, right]) {
      expect(child.position.x).toBeGreaterThanOrEqual(parallel.position.x);
      expect(child.position.x + child.width).toBeLessThanOrEqual(
        parallel.position.x + parallel.width,
      );
      expect(child.position.y + child.height).toBeLessThanOrEqual(
        parallel.position.y + parallel.height,
      );
    }
    expect(nodes.filter((n) => n.type === 'slot').map((n) => n.id)).toEqual([
      'slot:steps[0].branches[0].steps',
      'slot:steps[0].branches[1].steps',
      'slot:steps',
    ]);
    expect(edges.map((e) => `${e.source}->${e.target}`)).toContain('steps[0]->steps[1]');
    expect(edges.map((e) => e.target)).not.toContain('steps[0].branches[1].steps[0]');
  });

  it('round-trips the document, keeping header fields and an empty default', () => {
    const doc: Sequence = {
      name: 'x',
      description: 'd',
      steps: [{ id: 'a', type: 'switch', cases: [{ condition: 'true', steps: [] }], default: [] }],
    };
    expect(graphToDocument(documentToGraph(doc))).toEqual(doc);
    expect(graphToDocument(documentToGraph(scatterGather))).toEqual(scatterGather);
  });
});
