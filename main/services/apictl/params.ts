/**
 * The two per-environment files of a WSO2 apictl project:
 * `deployment_environments.yaml` (which gateway environments the API is deployed
 * to) and `api_params.yaml` (per-environment values applied on import: here the
 * endpoint URLs, as `apictl import --params` reads them).
 */
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { formatZodIssues } from '../zod-issues.js';
import { API_YAML_VERSION } from '../workspace/api-yaml.js';

export const DEPLOYMENT_ENVIRONMENTS_FILE = 'deployment_environments.yaml';
export const API_PARAMS_FILE = 'api_params.yaml';

/** Endpoint URLs of one environment. */
export interface EnvironmentEndpoints {
  name: string;
  production?: string;
  sandbox?: string;
}

const endpointUrl = z.looseObject({ url: z.string().min(1, 'must be a non-empty URL') });

const paramsSchema = z.looseObject({
  environments: z
    .array(
      z.looseObject({
        name: z.string().min(1, 'must be a non-empty environment name'),
        configs: z
          .looseObject({
            endpoints: z
              .looseObject({
                production: endpointUrl.nullable().optional(),
                sandbox: endpointUrl.nullable().optional(),
              })
              .nullable()
              .optional(),
          })
          .nullable()
          .optional(),
      }),
    )
    .default([]),
});

export function serializeApiParams(environments: readonly EnvironmentEndpoints[]): string {
  return stringify(
    {
      environments: environments.map((e) => ({
        name: e.name,
        configs: {
          endpoints: {
            ...(e.production !== undefined && { production: { url: e.production } }),
            ...(e.sandbox !== undefined && { sandbox: { url: e.sandbox } }),
          },
        },
      })),
    },
    { lineWidth: 0 },
  );
}

export function parseApiParams(
  text: string,
): { ok: true; environments: EnvironmentEndpoints[] } | { ok: false; message: string } {
  const doc = parseDocument(text, { prettyErrors: true });
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' };
  const parsed = paramsSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { ok: false, message: formatZodIssues(parsed.error.issues) };
  return {
    ok: true,
    environments: parsed.data.environments.map((e) => {
      const endpoints = e.configs?.endpoints;
      return {
        name: e.name,
        ...(endpoints?.production && { production: endpoints.production.url }),
        ...(endpoints?.sandbox && { sandbox: endpoints.sandbox.url }),
      };
    }),
  };
}

/** apictl's list of gateway environments the API is deployed to. */
export function serializeDeploymentEnvironments(names: readonly string[]): string {
  return stringify(
    {
      type: 'deployment_environments',
      version: API_YAML_VERSION,
      data: names.map((name) => ({ displayOnDevportal: true, deploymentEnvironment: name })),
    },
    { lineWidth: 0 },
  );
}
