/**
 * The sections of an API's tab besides its definition: each is one entry here
 * (the try-it console, test cases, ...). The designer shows a section strip when
 * there is more than one.
 */
import type { ComponentType } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';
import { ExportSection } from '../create-api/export-section';
import { TryItSection } from '../console/try-it-section';
import { TestsSection } from '../console/tests-section';

export interface ApiSectionProps {
  /** The tab that hosts the section (for dirty state and savers). */
  tabId: string;
  detail: ApiDetail;
}

export interface ApiSection {
  key: string;
  label: string;
  component: ComponentType<ApiSectionProps>;
}

/** Sections after "Definition", in strip order. */
export const apiSections: readonly ApiSection[] = [
  { key: 'try-it', label: 'Try it', component: TryItSection },
  { key: 'tests', label: 'Tests', component: TestsSection },
  { key: 'export', label: 'Export', component: ExportSection },
];
