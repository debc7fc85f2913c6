import type { OutlineNode } from './lint/outline';

export interface OutlinePanelProps {
  outline: readonly OutlineNode[];
  onSelect(line: number): void;
}

function Nodes({
  nodes,
  onSelect,
}: {
  nodes: readonly OutlineNode[];
  onSelect(line: number): void;
}) {
  return (
    <ul role="group" className="outline__group">
      {nodes.map((n, i) => (
        <li key={`${n.label}:${n.line}:${i}`} role="treeitem" aria-selected={false}>
          {n.children && n.children.length > 0 ? (
            // Small branches start open; big specs (hundreds of paths) start folded.
            <details open={n.children.length <= (n.kind === 'group' ? 50 : 12)}>
              <summary>
                <button type="button" className="outline__item" onClick={() => onSelect(n.line)}>
                  {n.label}
                </button>
                <span className="count">{n.children.length}</span>
              </summary>
              <Nodes nodes={n.children} onSelect={onSelect} />
            </details>
          ) : (
            <button
              type="button"
              className={`outline__item outline__item--${n.kind}`}
              onClick={() => onSelect(n.line)}
            >
              {n.label}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The definition's landmarks as a tree; a click reveals the line in the editor. */
export function OutlinePanel({ outline, onSelect }: OutlinePanelProps) {
  return (
    <nav className="outline" aria-label="Outline">
      {outline.length === 0 ? (
        <p className="muted">Nothing to outline yet.</p>
      ) : (
        <div role="tree" aria-label="Definition outline">
          <Nodes nodes={outline} onSelect={onSelect} />
        </div>
      )}
    </nav>
  );
}
