import type { KeyboardEvent } from 'react';
import { useApp } from '../../state/app-store';
import { shortcutLabel } from '../commands/shortcut-label';
import { activateTab, closeTab } from './tabs';

export function tabDomId(tabId: string): string {
  return `tab-${tabId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function panelDomId(tabId: string): string {
  return `panel-${tabId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The open editors (WAI-ARIA tabs pattern: arrows move and select, the close buttons are extra). */
export function TabBar() {
  const tabs = useApp((s) => s.tabs);
  const activeTabId = useApp((s) => s.activeTabId);
  const dirty = useApp((s) => s.dirty);

  const onKeyDown = (e: KeyboardEvent): void => {
    const index = tabs.findIndex((t) => t.id === activeTabId);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else if (e.key === 'Delete' && activeTabId) {
      closeTab(activeTabId);
      e.preventDefault();
      return;
    }
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    e.preventDefault();
    activateTab(tab.id);
    document.getElementById(tabDomId(tab.id))?.focus();
  };

  return (
    <div className="tab-bar" role="tablist" aria-label="Open editors" onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const active = tab.id === activeTabId;
        const isDirty = dirty.has(tab.id);
        return (
          <div key={tab.id} role="presentation" className={`tab${active ? ' tab--active' : ''}`}>
            <button
              type="button"
              role="tab"
              id={tabDomId(tab.id)}
              aria-selected={active}
              aria-controls={panelDomId(tab.id)}
              tabIndex={active ? 0 : -1}
              className="tab__label"
              onClick={() => activateTab(tab.id)}
              onAuxClick={(e) => {
                if (e.button === 1) closeTab(tab.id);
              }}
            >
              {tab.title}
              {isDirty && (
                <span className="tab__dirty" aria-label="unsaved changes" title="Unsaved changes">
                  ●
                </span>
              )}
            </button>
            <button
              type="button"
              className="tab__close"
              aria-label={`Close ${tab.title}`}
              title={`Close (${shortcutLabel('tab.close')})`}
              tabIndex={-1}
              onClick={() => closeTab(tab.id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
