/**
 * The studio's views besides the API designer: each is one entry here, so a new
 * view is one import and one line. The workbench renders a tab through this
 * registry; the explorer header lists the entries that have `nav`.
 */
import type { ComponentType } from 'react';
import type { Tab, TabKind } from '../../state/app-store';
import { EnvironmentsView } from '../environments/environments-view';

export interface ViewProps {
  tab: Tab;
}

export interface ViewDefinition {
  kind: Exclude<TabKind, 'api'>;
  /** Tab title for a single-instance view. */
  title: string;
  component: ComponentType<ViewProps>;
  /** Shown as a button in the explorer header when set. */
  nav?: { label: string; hint: string };
}

export const views: readonly ViewDefinition[] = [
  {
    kind: 'environments',
    title: 'Environments',
    component: () => <EnvironmentsView />,
    nav: { label: 'Environments', hint: 'Environments: push, roll back, revisions' },
  },
];

export function viewFor(kind: TabKind): ViewDefinition | undefined {
  return views.find((v) => v.kind === kind);
}
