import type { Request, Response } from './contract.js';
import type { Handlers } from './dispatch.js';

export interface AnalyticsIpcDeps {
  services: {
    analytics: {
      summary(query: Request<'analytics.summary'>): Promise<Response<'analytics.summary'>>;
    };
  };
}

export function analyticsHandlers(deps: AnalyticsIpcDeps): Pick<Handlers, 'analytics.summary'> {
  return {
    'analytics.summary': (request) => deps.services.analytics.summary(request),
  };
}
