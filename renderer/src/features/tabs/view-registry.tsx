/**
 * The studio's views besides the API designer: each is one entry here, so a new
 * view is one import and one line. The workbench renders a tab through this
 * registry; the explorer header lists the entries that have `nav`.
 */
import type { ComponentType } from 'react';
import type { Tab, TabKind } from '../../state/app-store';
import { EnvironmentsView } from '../environments/environments-view';
import { SequenceView } from '../sequences/sequence-view';
import { SearchView } from '../search/search-view';
import { ApplicationsView } from '../applications/applications-view';
import { PoliciesView } from '../policies/policies-view';
import { TrafficView } from '../traffic/traffic-view';
import { AnalyticsView } from '../analytics/analytics-view';
import { AiVendorsView } from '../ai-vendors/ai-vendors-view';

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
  // Opened from the header search box's "Show all results"; the box itself is the entry point.
  { kind: 'search', title: 'Search', component: () => <SearchView /> },
  {
    kind: 'applications',
    title: 'Applications',
    component: () => <ApplicationsView />,
    nav: { label: 'Applications', hint: 'Applications: keys, tokens, subscriptions, approvals' },
  },
  {
    kind: 'policies',
    title: 'Policies',
    component: () => <PoliciesView />,
    nav: { label: 'Policies', hint: 'Plans, throttling policies and the denylist' },
  },
  {
    kind: 'traffic',
    title: 'Traffic',
    component: () => <TrafficView />,
    nav: { label: 'Traffic', hint: 'Traffic: the local gateway’s live request log' },
  },
  {
    kind: 'analytics',
    title: 'Analytics',
    component: () => <AnalyticsView />,
    nav: { label: 'Analytics', hint: 'Analytics: requests, latency, tokens and cost' },
  },
  {
    kind: 'sequence',
    title: 'Sequences',
    component: SequenceView,
    nav: { label: 'Sequences', hint: 'Sequences: create one, open the canvas' },
  },
  {
    kind: 'ai-vendors',
    title: 'AI vendors',
    component: AiVendorsView,
    nav: { label: 'AI vendors', hint: 'AI vendors: custom vendors, prices, new AI APIs' },
  },
];

export function viewFor(kind: TabKind): ViewDefinition | undefined {
  return views.find((v) => v.kind === kind);
}
