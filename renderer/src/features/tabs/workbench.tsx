import { useApp } from '../../state/app-store';
import { EmptyState } from '../../ui/empty-state';
import { runCommand } from '../commands/commands';
import { shortcutLabel } from '../commands/shortcut-label';
import { ApiDesigner } from '../designer/api-designer';
import type { Tab } from '../../state/app-store';
import { TabBar, panelDomId, tabDomId } from './tab-bar';
import { viewFor } from './view-registry';
import './tabs.css';

/**
 * The tab strip and its panels. Inactive panels stay mounted (hidden), so an
 * editor keeps its undo history and cursor while another tab is in front.
 */
export function Workbench() {
  const tabs = useApp((s) => s.tabs);
  const activeTabId = useApp((s) => s.activeTabId);
  const apiCount = useApp((s) => s.workspace?.apis.length ?? 0);

  return (
    <main className="workbench">
      {tabs.length > 0 && <TabBar />}
      {tabs.length === 0 && (
        <EmptyState title={apiCount === 0 ? 'This workspace has no APIs yet' : 'No API open'}>
          <p className="muted">
            {apiCount === 0
              ? 'Create one from an OpenAPI, GraphQL or AsyncAPI document: paste it or open the file.'
              : 'Pick an API in the explorer to open its designer, or create a new one.'}
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => runCommand('api.new')}
          >
            New API… <kbd>{shortcutLabel('api.new')}</kbd>
          </button>
        </EmptyState>
      )}
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={panelDomId(tab.id)}
          aria-labelledby={tabDomId(tab.id)}
          hidden={tab.id !== activeTabId}
          className="tab-panel"
        >
          <TabContent tab={tab} />
        </div>
      ))}
    </main>
  );
}

function TabContent({ tab }: { tab: Tab }) {
  if (tab.kind === 'api') return <ApiDesigner tabId={tab.id} apiId={tab.apiId} />;
  const view = viewFor(tab.kind);
  if (!view) return <EmptyState title={`Nothing can show a ${tab.kind} tab`} />;
  const View = view.component;
  return <View tab={tab} />;
}
