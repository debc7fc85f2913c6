import type { Request, Response } from './contract.js';
import type { Handlers } from './dispatch.js';

type TrafficChannels =
  | 'traffic.list'
  | 'traffic.get'
  | 'traffic.exportHar'
  | 'traffic.clear'
  | 'traffic.watch'
  | 'traffic.unwatch';

export interface TrafficIpcDeps {
  services: {
    traffic: {
      list(filter: Request<'traffic.list'>): Promise<Response<'traffic.list'>>;
      get(seq: number): Promise<Response<'traffic.get'>>;
      exportHar(filter: Request<'traffic.exportHar'>): Promise<Response<'traffic.exportHar'>>;
      clear(): Promise<void>;
      renewWatch(watchId?: string): Response<'traffic.watch'>;
      unwatch(watchId: string): void;
    };
  };
}

export function trafficHandlers(deps: TrafficIpcDeps): Pick<Handlers, TrafficChannels> {
  const traffic = () => deps.services.traffic;
  return {
    'traffic.list': (request) => traffic().list(request),
    'traffic.get': ({ seq }) => traffic().get(seq),
    'traffic.exportHar': (request) => traffic().exportHar(request),
    'traffic.clear': async () => {
      await traffic().clear();
      return null;
    },
    'traffic.watch': async ({ watchId }) => traffic().renewWatch(watchId),
    'traffic.unwatch': async ({ watchId }) => {
      traffic().unwatch(watchId);
      return null;
    },
  };
}
