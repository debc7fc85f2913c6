/**
 * The gateway's built-in vendor types as `AiVendor` entries, so the studio shows
 * exactly the defaults the gateway applies (read-only), and "Duplicate as custom"
 * starts from them.
 */
import { vendorRegistry, type AiVendor } from '../../../gateway-runtime/src/index.js';

/** A built-in vendor type with its label and defaults. */
export interface BuiltInVendor {
  type: AiVendor['type'];
  label: string;
  vendor: AiVendor;
}

export function builtInVendors(): BuiltInVendor[] {
  return Object.values(vendorRegistry)
    .filter((adapter) => adapter.type !== 'custom')
    .map((adapter) => {
      const d = adapter.defaults;
      const vendor: AiVendor = {
        name: adapter.type,
        type: adapter.type,
        auth: { header: d.auth.header, prefix: d.auth.prefix },
        headers: { ...d.headers },
        model: { request: d.model.request, response: d.model.response },
        usage: { ...d.usage },
        completionText: d.completionText,
        promptText: d.promptText,
        streamUsage: d.streamUsage,
        prices: d.prices,
      };
      return { type: adapter.type, label: adapter.label, vendor };
    });
}
