/**
 * The AI vendors domain for IPC and web-host tests: the real service over the fake
 * workspace's folder (vendor files are plain files), with secrets kept in memory.
 */
import { AiVendorsService } from '../services/ai-vendors/ai-vendors-service.js';

export function createFakeAiVendorsServices(root: () => string | null): {
  aiVendors: AiVendorsService;
} {
  const secrets = new Map<string, string>();
  return {
    aiVendors: new AiVendorsService({
      root,
      apis: () => [],
      secrets: {
        set: (name, value) => void secrets.set(name, value),
        get: (name) => secrets.get(name),
      },
    }),
  };
}
