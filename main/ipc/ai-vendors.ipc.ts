import type { Handlers } from './dispatch.js';
import type { AiVendorsService } from '../services/ai-vendors/ai-vendors-service.js';

export interface AiVendorsIpcDeps {
  services: {
    aiVendors: Pick<
      AiVendorsService,
      'list' | 'get' | 'save' | 'delete' | 'savePrices' | 'setSecret' | 'createApi'
    >;
  };
}

type AiVendorsChannel =
  | 'aiVendors.list'
  | 'aiVendors.get'
  | 'aiVendors.save'
  | 'aiVendors.delete'
  | 'aiVendors.savePrices'
  | 'aiVendors.setSecret'
  | 'aiVendors.createApi';

export function aiVendorsHandlers(deps: AiVendorsIpcDeps): Pick<Handlers, AiVendorsChannel> {
  const service = () => deps.services.aiVendors;
  return {
    'aiVendors.list': () => service().list(),
    'aiVendors.get': ({ name }) => service().get(name),
    'aiVendors.save': ({ vendor, previousName }) => service().save(vendor, previousName),
    'aiVendors.delete': async ({ name }) => {
      await service().delete(name);
      return null;
    },
    'aiVendors.savePrices': ({ name, prices }) => service().savePrices(name, prices),
    'aiVendors.setSecret': ({ name, value }) => service().setSecret(name, value),
    'aiVendors.createApi': (request) => service().createApi(request),
  };
}
