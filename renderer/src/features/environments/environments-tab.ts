import { openViewTab } from '../tabs/tabs';

/** Opens (or brings to front) the environments view. */
export function openEnvironmentsTab(): void {
  openViewTab('environments', 'Environments');
}
