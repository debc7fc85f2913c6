import { setState } from '../../state/app-store';
import type { Tab } from '../../state/app-store';

export const ENVIRONMENTS_TAB_ID = 'environments';

/** Opens (or brings to front) the environments view. */
export function openEnvironmentsTab(): void {
  setState((state) => {
    if (state.tabs.some((t) => t.id === ENVIRONMENTS_TAB_ID))
      return { activeTabId: ENVIRONMENTS_TAB_ID };
    const tab: Tab = {
      id: ENVIRONMENTS_TAB_ID,
      kind: 'environments',
      apiId: '',
      title: 'Environments',
    };
    return { tabs: [...state.tabs, tab], activeTabId: ENVIRONMENTS_TAB_ID };
  });
}
