import { useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';
import type { WorkspaceInfo } from '../../../../main/ipc/contract';
import { useApp } from '../../state/app-store';
import { runCommand } from '../commands/commands';
import { shortcutLabel } from '../commands/shortcut-label';
import { openEnvironmentsTab } from '../environments/environments-tab';
import { openSequenceTab } from '../sequences/sequence-tabs';
import { apiTabId, openApiTab, openViewTab } from '../tabs/tabs';
import { views } from '../tabs/view-registry';
import { sectionId, visibleNodes } from './explorer-tree';
import type { SectionKey, TreeNode } from './explorer-tree';
import './explorer.css';

const typeLabels: Record<string, string> = {
  REST: 'REST',
  GRAPHQL: 'GraphQL',
  ASYNC: 'Async',
  SOAP: 'SOAP',
  AI: 'AI',
};

/** The workspace as a tree (WAI-ARIA tree pattern, roving focus). */
export function ExplorerPanel({ workspace }: { workspace: WorkspaceInfo }) {
  const activeTabId = useApp((s) => s.activeTabId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<SectionKey>>(new Set());
  const [focusedId, setFocusedId] = useState<string>(sectionId('api'));
  const treeRef = useRef<HTMLUListElement>(null);
  const nodes = useMemo(() => visibleNodes(workspace, collapsed), [workspace, collapsed]);
  // The focused row can disappear (an API deleted on disk); fall back to the first row.
  const tabStop = nodes.some((n) => n.id === focusedId) ? focusedId : (nodes[0]?.id ?? '');

  const toggle = (key: SectionKey, expand?: boolean): void => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      const open = expand ?? next.has(key);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });
  };

  const focusNode = (id: string): void => {
    setFocusedId(id);
    treeRef.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(id)}"]`)?.focus();
  };

  const activate = (node: TreeNode): void => {
    if (node.type === 'section') toggle(node.section.key);
    else if (node.type === 'api') openApiTab(node.api.id);
    else if (node.resource.kind === 'environment') openEnvironmentsTab();
    else if (node.resource.kind === 'policy') openViewTab('policies', 'Policies');
    else if (node.resource.kind === 'sequence') openSequenceTab(node.resource.name);
    else if (node.resource.kind === 'aiVendor')
      openViewTab('ai-vendors', `AI vendor ${node.resource.name}`, node.resource.name);
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const index = nodes.findIndex((n) => n.id === tabStop);
    const node = nodes[index];
    if (!node) return;
    switch (e.key) {
      case 'ArrowDown':
        if (nodes[index + 1]) focusNode(nodes[index + 1]!.id);
        break;
      case 'ArrowUp':
        if (index > 0) focusNode(nodes[index - 1]!.id);
        break;
      case 'Home':
        focusNode(nodes[0]!.id);
        break;
      case 'End':
        focusNode(nodes[nodes.length - 1]!.id);
        break;
      case 'ArrowRight':
        if (node.type === 'section' && !node.expanded) toggle(node.section.key, true);
        else if (
          node.type === 'section' &&
          nodes[index + 1] &&
          nodes[index + 1]!.type !== 'section'
        ) {
          focusNode(nodes[index + 1]!.id);
        }
        break;
      case 'ArrowLeft':
        if (node.type === 'section' && node.expanded) toggle(node.section.key, false);
        else if (node.type !== 'section') focusNode(node.parentId);
        break;
      case 'Enter':
      case ' ':
        activate(node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const itemProps = (node: TreeNode, level: number) => ({
    'data-node-id': node.id,
    tabIndex: node.id === tabStop ? 0 : -1,
    'aria-level': level,
    onFocus: (e: FocusEvent) => {
      if (e.target === e.currentTarget) setFocusedId(node.id);
    },
  });

  return (
    <nav className="explorer" aria-label="Explorer">
      <header className="explorer__header">
        <div className="explorer__title" title={workspace.root}>
          <span className="explorer__eyebrow">Workspace</span>
          <span className="explorer__name">{workspace.name}</span>
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={() => runCommand('api.new')}
          title={`New API (${shortcutLabel('api.new')})`}
        >
          + New API
        </button>
      </header>
      <div className="explorer__views" role="toolbar" aria-label="Views">
        {views
          .filter((v) => v.nav)
          .map((v) => (
            <button
              key={v.kind}
              type="button"
              className="button button--small"
              onClick={() => openViewTab(v.kind, v.title)}
              title={v.nav!.hint}
            >
              {v.nav!.label}
            </button>
          ))}
      </div>
      <ul ref={treeRef} role="tree" aria-label="Workspace" className="tree" onKeyDown={onKeyDown}>
        {nodes
          .filter((n) => n.type === 'section')
          .map((section) => {
            const children = nodes.filter((n) => n.type !== 'section' && n.parentId === section.id);
            const labelId = `${section.id}-label`;
            return (
              <li
                key={section.id}
                role="treeitem"
                aria-expanded={section.expanded}
                aria-labelledby={labelId}
                className="tree__item"
                {...itemProps(section, 1)}
              >
                <div
                  className="tree__row tree__row--section"
                  onClick={() => toggle(section.section.key)}
                >
                  <span className="tree__chevron" aria-hidden="true">
                    {section.expanded ? '▾' : '▸'}
                  </span>
                  <span id={labelId}>{section.section.label}</span>
                  <span className="tree__count" aria-label={`${section.count} items`}>
                    {section.count}
                  </span>
                </div>
                {section.expanded && (
                  <ul role="group" className="tree__group">
                    {children.length === 0 && (
                      <li role="none" className="tree__empty">
                        {section.section.empty}
                      </li>
                    )}
                    {children.map((child) =>
                      child.type === 'api' ? (
                        <li
                          key={child.id}
                          role="treeitem"
                          aria-selected={activeTabId === apiTabId(child.api.id)}
                          className="tree__item"
                          title={child.api.path}
                          {...itemProps(child, 2)}
                        >
                          <div
                            className="tree__row tree__row--leaf"
                            onClick={() => openApiTab(child.api.id)}
                          >
                            <span className="tree__label">
                              {child.api.name}{' '}
                              <span className="tree__version">{child.api.version}</span>
                            </span>
                            <span className={`badge badge--${child.api.type.toLowerCase()}`}>
                              {typeLabels[child.api.type] ?? child.api.type}
                            </span>
                          </div>
                        </li>
                      ) : child.type === 'resource' ? (
                        <li
                          key={child.id}
                          role="treeitem"
                          className="tree__item"
                          title={child.resource.path}
                          {...itemProps(child, 2)}
                        >
                          <div
                            className="tree__row tree__row--leaf"
                            onClick={
                              child.resource.kind === 'environment'
                                ? openEnvironmentsTab
                                : child.resource.kind === 'policy'
                                  ? () => openViewTab('policies', 'Policies')
                                  : child.resource.kind === 'sequence'
                                    ? () => openSequenceTab(child.resource.name)
                                    : child.resource.kind === 'aiVendor'
                                      ? () => activate(child)
                                      : undefined
                            }
                          >
                            <span className="tree__label">{child.resource.name}</span>
                          </div>
                        </li>
                      ) : null,
                    )}
                  </ul>
                )}
              </li>
            );
          })}
      </ul>
      {workspace.problems.length > 0 && (
        <section className="problems" aria-labelledby="problems-heading">
          <h2 id="problems-heading" className="problems__title">
            Problems ({workspace.problems.length})
          </h2>
          <ul className="problems__list">
            {workspace.problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code>
                <span>{p.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </nav>
  );
}
