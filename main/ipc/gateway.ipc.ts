import type { GatewayStatus } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface GatewayIpcDeps {
  services: {
    gateway: {
      status(): GatewayStatus;
      restart(): Promise<GatewayStatus>;
    };
  };
}

export function gatewayHandlers(
  deps: GatewayIpcDeps,
): Pick<Handlers, 'gateway.status' | 'gateway.restart'> {
  return {
    'gateway.status': async () => deps.services.gateway.status(),
    'gateway.restart': () => deps.services.gateway.restart(),
  };
}
