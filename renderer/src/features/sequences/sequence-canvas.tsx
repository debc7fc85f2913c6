/**
 * The canvas: the sequence laid out by the pure model (`sequence-graph.ts`) and
 * drawn by @xyflow/react. Steps are moved by HTML drag and drop (a palette item
 * or a step's grip, dropped onto a step to go before it, or onto a drop zone to
 * go at the end of that list); the layout is always recomputed from the
 * document, so positions are never stored.
 */
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createContext, useContext, useMemo, type DragEvent } from 'react';
import type { SequenceIssue } from '../../../../main/ipc/contract';
import { documentToGraph, type GraphNode } from './sequence-graph';
import type { Sequence, SlotPath, StepPath, StepType } from './sequence-model';
import { stepLabel, stepSummary } from './step-labels';

/** Drag payloads: a palette item (a new step) or an existing step (a move). */
export const NEW_STEP_MIME = 'application/x-portico-step-type';
export const MOVE_STEP_MIME = 'application/x-portico-step-path';

/** Where a drop or an "add" lands: a slot and an index in it. */
export interface Target {
  slot: SlotPath;
  index: number;
}

interface CanvasActions {
  selected: string | null;
  insertion: SlotPath | null;
  issuesFor(path: string): SequenceIssue[];
  select(path: StepPath | null): void;
  chooseSlot(slot: SlotPath): void;
  dropNew(type: StepType, target: Target): void;
  dropMove(from: StepPath, target: Target): void;
}

const Actions = createContext<CanvasActions | null>(null);

function useActions(): CanvasActions {
  const actions = useContext(Actions);
  if (!actions) throw new Error('canvas actions missing');
  return actions;
}

function onDragOver(e: DragEvent): void {
  const types = e.dataTransfer.types;
  if (types.includes(NEW_STEP_MIME) || types.includes(MOVE_STEP_MIME)) {
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes(MOVE_STEP_MIME) ? 'move' : 'copy';
  }
}

function dropHandler(actions: CanvasActions, target: Target) {
  return (e: DragEvent): void => {
    const type = e.dataTransfer.getData(NEW_STEP_MIME);
    const from = e.dataTransfer.getData(MOVE_STEP_MIME);
    if (!type && !from) return;
    e.preventDefault();
    e.stopPropagation();
    if (type) actions.dropNew(type as StepType, target);
    else actions.dropMove(from, target);
  };
}

type StartData = Extract<GraphNode, { type: 'start' }>['data'];
type StepData = Extract<GraphNode, { type: 'step' }>['data'];
type SlotData = Extract<GraphNode, { type: 'slot' }>['data'];

function StartNode({ data }: NodeProps<Node<StartData, 'start'>>) {
  return (
    <div className="seq-node seq-node--start">
      <strong>Request</strong>
      <span className="seq-node__summary">{data.header.name}</span>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function StepNode({ data }: NodeProps<Node<StepData, 'step'>>) {
  const actions = useActions();
  const { path, shell, container } = data;
  const issues = actions.issuesFor(path);
  const selected = actions.selected === path;
  const [slot, index] = [path.replace(/\[\d+\]$/, ''), Number(/\[(\d+)\]$/.exec(path)?.[1])];
  return (
    <div
      className={`seq-node seq-node--step${container ? ' seq-node--container' : ''}${selected ? ' is-selected' : ''}${issues.length > 0 ? ' has-issues' : ''}`}
      data-path={path}
      onDragOver={onDragOver}
      onDrop={dropHandler(actions, { slot, index })}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button
        type="button"
        className="seq-node__head nodrag"
        draggable
        aria-pressed={selected}
        aria-label={`${stepLabel(shell.type)} step ${path}${issues.length > 0 ? ' (has problems)' : ''}`}
        onDragStart={(e) => {
          e.dataTransfer.setData(MOVE_STEP_MIME, path);
          e.dataTransfer.effectAllowed = 'move';
        }}
        onClick={() => actions.select(path)}
      >
        <span className="seq-node__grip" aria-hidden="true">
          ⠿
        </span>
        <span className={`seq-node__type seq-type--${shell.type}`}>{stepLabel(shell.type)}</span>
        <span className="seq-node__summary">{stepSummary(shell)}</span>
        {issues.length > 0 && (
          <span className="seq-node__issue" title={issues.map((i) => i.message).join('\n')}>
            !
          </span>
        )}
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function SlotNode({ data }: NodeProps<Node<SlotData, 'slot'>>) {
  const actions = useActions();
  const chosen = actions.insertion === data.slot;
  return (
    <div
      className={`seq-slot${chosen ? ' is-chosen' : ''}`}
      onDragOver={onDragOver}
      onDrop={dropHandler(actions, { slot: data.slot, index: data.length })}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button
        type="button"
        className="seq-slot__button nodrag"
        aria-pressed={chosen}
        onClick={() => actions.chooseSlot(data.slot)}
        title="Palette items are added here; drop steps here"
      >
        {chosen ? '▸ Adding here: ' : '+ '}
        {data.label}
      </button>
    </div>
  );
}

const nodeTypes = { start: StartNode, step: StepNode, slot: SlotNode };

export interface SequenceCanvasProps extends CanvasActions {
  document: Sequence;
  issues: SequenceIssue[];
}

export function SequenceCanvas(props: SequenceCanvasProps) {
  const { document } = props;
  const graph = useMemo(() => documentToGraph(document), [document]);
  const nodes = graph.nodes as Node[];
  const edges: Edge[] = graph.edges;
  return (
    <Actions.Provider value={props}>
      <div className="seq-canvas" aria-label="Sequence canvas" role="region">
        <ReactFlow
          // A new step or branch remounts the flow, so `fitView` shows the whole sequence again.
          key={nodes.length}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
          onPaneClick={() => props.select(null)}
          // A click handler also keeps xyflow from turning off the nodes' pointer events.
          onNodeClick={(_, node) => {
            if (node.type === 'step') props.select(node.id);
          }}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </Actions.Provider>
  );
}
