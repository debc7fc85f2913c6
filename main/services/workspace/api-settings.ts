/**
 * Settings of an API kept in its api.yaml: context, default version, endpoints.
 * Marking a version default un-marks the others of the same name or context, as
 * API Manager and the gateway allow one default per API.
 */
import { StudioError } from '../errors.js';
import type { ApiRecord } from './api-files.js';
import { checkApiPolicy } from './api-operations.js';
import { sequenceNamePattern, sequenceNameRule } from '../../ipc/contract.js';
import { SEQUENCE_ENDPOINT_PREFIX, withEndpoints, type ApiYaml } from './api-yaml.js';
import { contextPattern, contextRule } from './paths.js';

/** What `updateApiSettings` receives (the `apis.updateSettings` request). */
export interface ApiSettingsInput {
  id: string;
  context?: string;
  isDefaultVersion?: boolean;
  endpoints?: { production?: string | null; sandbox?: string | null };
  /** An API policy for the whole API (api.yaml `apiThrottlingPolicy`), or null to remove it. */
  throttlingPolicy?: string | null;
}

const endpointSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

function checkEndpoint(field: string, url: string | null | undefined): string | null | undefined {
  if (url === undefined || url === null) return url;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith(SEQUENCE_ENDPOINT_PREFIX)) {
    const name = trimmed.slice(SEQUENCE_ENDPOINT_PREFIX.length);
    if (!sequenceNamePattern.test(name))
      throw new StudioError(
        'VALIDATION',
        `endpoints.${field}: the sequence name ${sequenceNameRule}`,
      );
    return trimmed;
  }
  if (!URL.canParse(trimmed) || !endpointSchemes.has(new URL(trimmed).protocol)) {
    throw new StudioError(
      'VALIDATION',
      `endpoints.${field}: must be an absolute http, https, ws or wss URL (e.g. https://api.example.com/v1), sequence:<name> for a workspace sequence, or null to remove it`,
    );
  }
  return trimmed;
}

/** The api.yaml documents to write (the API's own first), after validating the input. */
export function planSettings(
  target: ApiRecord,
  input: ApiSettingsInput,
  all: readonly ApiRecord[],
  apiPolicies: readonly string[] = [],
): { id: string; apiYaml: ApiYaml }[] {
  let data = { ...target.apiYaml.data };
  if (input.context !== undefined) {
    const context = input.context.trim();
    if (!contextPattern.test(context))
      throw new StudioError('VALIDATION', `context: ${contextRule}`);
    const clash = all.find(
      (api) =>
        api.id !== target.id &&
        api.apiYaml.data.context === context &&
        api.apiYaml.data.version === data.version,
    );
    if (clash) {
      throw new StudioError(
        'CONFLICT',
        `context: ${context} version ${data.version} is already served by ${clash.id}; choose another context`,
      );
    }
    data.context = context;
  }
  if (input.endpoints) {
    data = withEndpoints(data, {
      production: checkEndpoint('production', input.endpoints.production),
      sandbox: checkEndpoint('sandbox', input.endpoints.sandbox),
    });
  }
  if (input.isDefaultVersion !== undefined) data.isDefaultVersion = input.isDefaultVersion;
  if (input.throttlingPolicy !== undefined) {
    const policy = checkApiPolicy('throttlingPolicy', input.throttlingPolicy, apiPolicies);
    if (policy === null) delete data.apiThrottlingPolicy;
    else data.apiThrottlingPolicy = policy;
  }

  const writes = [{ id: target.id, apiYaml: { ...target.apiYaml, data } }];
  if (data.isDefaultVersion) {
    for (const api of all) {
      const other = api.apiYaml.data;
      if (api.id === target.id || !other.isDefaultVersion) continue;
      if (other.name === data.name || other.context === data.context) {
        writes.push({
          id: api.id,
          apiYaml: { ...api.apiYaml, data: { ...other, isDefaultVersion: false } },
        });
      }
    }
  }
  return writes;
}
