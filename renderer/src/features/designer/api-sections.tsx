/**
 * The sections of an API's tab besides its definition: each is one entry here
 * (the try-it console, test cases, ...). The designer shows a section strip when
 * there is more than one.
 */
import type { ComponentType } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';

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
export const apiSections: readonly ApiSection[] = [];
