/** Opening sequences in tabs: one tab per sequence (`sequence:<name>`). */
import { openViewTab } from '../tabs/tabs';

export function openSequenceTab(name: string): void {
  openViewTab('sequence', name, name);
}

/** The "Sequences" tab: the list and the form that creates one. */
export function openSequencesIndex(): void {
  openViewTab('sequence', 'Sequences');
}
