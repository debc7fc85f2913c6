/** Every migration, in order. Add a file `NNNN-<what>.ts` and list it here. */
import { migration as initial } from './0001-initial.js';
import { migration as applicationsSearch } from './0002-applications-search.js';
import { migration as revisionsEnvironments } from './0003-revisions-environments.js';
import { migration as consoleHistory } from './0004-console-history.js';
import { migration as denylist } from './0005-denylist.js';
import { migration as searchRowLayout } from './0006-search-row-layout.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

export const migrations: readonly Migration[] = [
  initial,
  applicationsSearch,
  revisionsEnvironments,
  consoleHistory,
  denylist,
  searchRowLayout,
];
