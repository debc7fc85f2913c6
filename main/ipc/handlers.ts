/**
 * Every channel's handler, assembled from one small module per domain. The
 * `Handlers` type makes a channel without a handler a compile error.
 */
import type { Handlers } from './dispatch.js';
import { appHandlers } from './app.ipc.js';
import type { AppIpcDeps } from './app.ipc.js';
import { workspaceHandlers } from './workspace.ipc.js';
import type { WorkspaceIpcDeps } from './workspace.ipc.js';
import { apisHandlers } from './apis.ipc.js';
import type { ApisIpcDeps } from './apis.ipc.js';
import { gatewayHandlers } from './gateway.ipc.js';
import type { GatewayIpcDeps } from './gateway.ipc.js';
import { revisionsHandlers, type RevisionsIpcDeps } from './revisions.ipc.js';
import { environmentsHandlers, type EnvironmentsIpcDeps } from './environments.ipc.js';
import { secretsHandlers, type SecretsIpcDeps } from './secrets.ipc.js';
import { applicationsHandlers } from './applications.ipc.js';
import type { ApplicationsIpcDeps } from './applications.ipc.js';
import { searchHandlers } from './search.ipc.js';
import { lintHandlers, type LintIpcDeps } from './lint.ipc.js';
import { trafficHandlers, type TrafficIpcDeps } from './traffic.ipc.js';
import { analyticsHandlers, type AnalyticsIpcDeps } from './analytics.ipc.js';
import { importHandlers, type ImportIpcDeps } from './import.ipc.js';
import type { SearchIpcDeps } from './search.ipc.js';
import { policiesHandlers, type PoliciesIpcDeps } from './policies.ipc.js';
import { sequencesHandlers, type SequencesIpcDeps } from './sequences.ipc.js';
import { consoleHandlers, type ConsoleIpcDeps } from './console.ipc.js';
import { aiVendorsHandlers, type AiVendorsIpcDeps } from './ai-vendors.ipc.js';

/**
 * What the IPC layer needs from the studio's services (a structural subset of
 * `StudioServices`), plus the two things only a host can do.
 */
export type IpcDeps = AppIpcDeps &
  WorkspaceIpcDeps &
  ApisIpcDeps &
  GatewayIpcDeps &
  ApplicationsIpcDeps &
  SearchIpcDeps &
  LintIpcDeps &
  TrafficIpcDeps &
  AnalyticsIpcDeps &
  ImportIpcDeps &
  RevisionsIpcDeps &
  EnvironmentsIpcDeps &
  SecretsIpcDeps &
  SequencesIpcDeps &
  ConsoleIpcDeps &
  AiVendorsIpcDeps &
  PoliciesIpcDeps;

export function createHandlers(deps: IpcDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...workspaceHandlers(deps),
    ...apisHandlers(deps),
    ...gatewayHandlers(deps),
    ...applicationsHandlers(deps),
    ...searchHandlers(deps),
    ...lintHandlers(deps),
    ...trafficHandlers(deps),
    ...analyticsHandlers(deps),
    ...importHandlers(deps),
    ...revisionsHandlers(deps),
    ...environmentsHandlers(deps),
    ...policiesHandlers(deps),
    ...sequencesHandlers(deps),
    ...consoleHandlers(deps),
    ...secretsHandlers(deps),
    ...aiVendorsHandlers(deps),
  };
}
