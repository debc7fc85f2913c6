/**
 * AI APIs in the apictl layout. API Manager 4.x marks an AI API in `api.yaml` with
 * `subtypeConfiguration: { subtype: AIAPI, _configuration: '<JSON>' }`, whose JSON
 * names the LLM provider (`llmProviderName`); Portico keeps the same shape and adds
 * `secretRef`, the name of the studio secret that holds the vendor key (the key
 * itself never goes to the workspace). The endpoint URLs stay in `endpointConfig`,
 * so the API's settings form edits them like any other API's.
 */
import { z } from 'zod';
import type {
  AiEndpoint,
  AiVendor,
  ApiSpecInput,
  GatewayBundleInput,
} from '../../../gateway-runtime/src/index.js';
import { StudioError } from '../errors.js';
import type { ApiRecord } from '../workspace/api-files.js';
import {
  endpointUrl,
  withEndpoints,
  type ApiYaml,
  type ApiYamlData,
} from '../workspace/api-yaml.js';

export const AI_SUBTYPE = 'AIAPI';

/** Secret names: what the gateway's `PUT /admin/v1/secrets/{name}` and the studio store accept. */
export const secretNamePattern = /^[A-Za-z0-9._-]{1,200}$/;
export const secretNameRule = 'must be 1-200 letters, digits, ".", "_" or "-" (e.g. openai-key)';

const configurationSchema = z.looseObject({
  llmProviderName: z.string().min(1, 'must name the AI vendor'),
  secretRef: z.string().regex(secretNamePattern, secretNameRule).optional(),
});

const subtypeSchema = z.looseObject({
  subtype: z.literal(AI_SUBTYPE),
  _configuration: z.string(),
});

/** What an AI API's api.yaml says about its vendor. */
export interface AiApiConfig {
  vendor: string;
  secretRef: string | null;
}

/** The AI configuration of an api.yaml, or null when it is not an AI API (or says so unreadably). */
export function aiConfigOf(data: ApiYamlData): AiApiConfig | null {
  const subtype = subtypeSchema.safeParse(data['subtypeConfiguration']);
  if (!subtype.success) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(subtype.data._configuration);
  } catch {
    return null;
  }
  const config = configurationSchema.safeParse(raw);
  if (!config.success) return null;
  return { vendor: config.data.llmProviderName, secretRef: config.data.secretRef ?? null };
}

/** The api.yaml data with the AI configuration set (keys of the JSON in a fixed order). */
export function withAiConfig(data: ApiYamlData, config: AiApiConfig): ApiYamlData {
  const json: Record<string, string> = { llmProviderName: config.vendor };
  if (config.secretRef) json['secretRef'] = config.secretRef;
  return {
    ...data,
    subtypeConfiguration: { subtype: AI_SUBTYPE, _configuration: JSON.stringify(json) },
  };
}

/**
 * The bundle endpoints of an AI API: each http(s) URL of `endpointConfig` becomes an
 * `ai` endpoint toward the vendor. Null when the API is not an AI API.
 */
export function aiEndpointsOf(data: ApiYamlData): ApiSpecInput['endpoints'] | null {
  const config = aiConfigOf(data);
  if (!config) return null;
  const endpoint = (url: string | null): AiEndpoint | undefined => {
    if (!url || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return undefined;
    return {
      type: 'ai',
      vendor: config.vendor,
      url,
      ...(config.secretRef ? { secretRef: config.secretRef } : {}),
      timeoutMs: 120_000,
    };
  };
  const out: ApiSpecInput['endpoints'] = {};
  const production = endpoint(endpointUrl(data.endpointConfig?.production_endpoints));
  const sandbox = endpoint(endpointUrl(data.endpointConfig?.sandbox_endpoints));
  if (production) out.production = production;
  if (sandbox) out.sandbox = sandbox;
  return out;
}

/** What an AI API is created from (the `aiVendors.createApi` request, less the key value). */
export interface NewAiApiInput {
  name: string;
  version: string;
  context?: string;
  vendor: string;
  endpointUrl: string;
  secretRef?: string;
}

/** Checks the AI-specific fields; the message names the field and what is valid. */
export function checkAiApiInput(input: NewAiApiInput, knownVendors: readonly string[]): void {
  if (!knownVendors.includes(input.vendor)) {
    throw new StudioError(
      'VALIDATION',
      `vendor: "${input.vendor}" is not a vendor of this workspace; must be one of ${knownVendors.join(', ')}`,
    );
  }
  const url = input.endpointUrl.trim();
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new StudioError(
      'VALIDATION',
      'endpointUrl: must be an absolute http or https URL (e.g. https://api.openai.com/v1)',
    );
  }
  if (input.secretRef !== undefined && !secretNamePattern.test(input.secretRef))
    throw new StudioError('VALIDATION', `secretRef: ${secretNameRule}`);
}

/** Turns a freshly planned api.yaml into an AI API's: the vendor, its secret and the endpoint. */
export function asAiApi(apiYaml: ApiYaml, input: NewAiApiInput): ApiYaml {
  const data = withEndpoints(
    withAiConfig(apiYaml.data, { vendor: input.vendor, secretRef: input.secretRef ?? null }),
    { production: input.endpointUrl.trim() },
  );
  return { ...apiYaml, data: { ...data, type: 'HTTP' } };
}

/** The secret names the workspace's AI APIs refer to. */
export function referencedSecrets(apis: readonly ApiRecord[]): string[] {
  const names = new Set<string>();
  for (const api of apis) {
    const ref = aiConfigOf(api.apiYaml.data)?.secretRef;
    if (ref) names.add(ref);
  }
  return [...names].sort();
}

/** The bundle's `aiVendors` section from the workspace's vendor files (absent when there are none). */
export function aiVendorsContent(
  vendors: readonly AiVendor[] | undefined,
): Pick<GatewayBundleInput, 'aiVendors'> {
  return vendors?.length ? { aiVendors: [...vendors] } : {};
}
