/**
 * Trims a one-API bundle to what its API names: the sequences of its endpoints and
 * mediation, the AI vendors of its endpoints, its subscription plans and its API-level
 * throttling policies. A revision is then a snapshot of exactly what the API needs.
 */
import type { GatewayBundle, Policies } from '../../../gateway-runtime/src/index.js';

type Named = { name: string };
const only = <T extends Named>(items: readonly T[], names: ReadonlySet<string>): T[] =>
  items.filter((item) => names.has(item.name));

export function keepNamed(bundle: GatewayBundle, policies: Policies | undefined): GatewayBundle {
  const sequences = new Set<string>();
  const vendors = new Set<string>();
  const plans = new Set<string>();
  const apiPolicies = new Set<string>();
  for (const api of bundle.apis) {
    for (const endpoint of [api.endpoints.production, api.endpoints.sandbox]) {
      if (endpoint?.type === 'sequence') sequences.add(endpoint.sequence);
      if (endpoint?.type === 'ai') vendors.add(endpoint.vendor);
    }
    for (const flow of [api.mediation?.request, api.mediation?.response, api.mediation?.fault])
      if (flow) sequences.add(flow);
    for (const plan of api.plans ?? []) plans.add(plan);
    if (api.throttlingPolicy) apiPolicies.add(api.throttlingPolicy);
    for (const operation of api.operations)
      if (operation.throttlingPolicy) apiPolicies.add(operation.throttlingPolicy);
  }
  return {
    ...bundle,
    sequences: only(bundle.sequences, sequences),
    aiVendors: only(bundle.aiVendors, vendors),
    policies: {
      subscription: only(policies?.subscription ?? [], plans),
      application: [],
      api: only(policies?.api ?? [], apiPolicies),
    },
  };
}
