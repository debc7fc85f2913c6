/**
 * Export and import of APIs as WSO2 apictl projects. A workspace API folder is
 * already in apictl's layout (`api.yaml`, `Definitions/`, `WSDL/`,
 * `Sequence-Backend/`, `Client-certificates/`), so export copies it and adds the
 * per-environment files from the workspace's environments; import copies a
 * project in and applies its `api_params.yaml` endpoints to the environments of
 * the same name that exist in the workspace.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../errors.js';
import { listEnvironments, writeEnvironment } from '../environments/environment-repo.js';
import { parseApiYaml } from '../workspace/api-yaml.js';
import {
  API_YAML,
  APIS_DIR,
  apiFolderPath,
  apiId as apiIdOf,
  isSafeFolderName,
} from '../workspace/paths.js';
import {
  API_PARAMS_FILE,
  DEPLOYMENT_ENVIRONMENTS_FILE,
  parseApiParams,
  serializeApiParams,
  serializeDeploymentEnvironments,
} from './params.js';
import { pathExists } from '../path-exists.js';

/**
 * Writes `<outDir>/<apiId>/` as an apictl project; `environments` limits which
 * workspace environments go into its per-environment files (default: all).
 * Returns the project folder.
 */
export async function exportApictlProject(input: {
  root: string;
  apiId: string;
  outDir: string;
  environments?: readonly string[];
}): Promise<string> {
  const source = apiFolderPath(input.root, input.apiId);
  if (!isSafeFolderName(input.apiId) || !(await pathExists(join(source, API_YAML))))
    throw new StudioError('NOT_FOUND', `apiId: no API "${input.apiId}" in the workspace`);
  const target = join(input.outDir, input.apiId);
  if (await pathExists(target))
    throw new StudioError('CONFLICT', `out: ${target} already exists; choose another folder`);
  await mkdir(input.outDir, { recursive: true });
  await cp(source, target, { recursive: true });
  const { environments } = await listEnvironments(input.root);
  const chosen = environments.filter(
    (e) => input.environments === undefined || input.environments.includes(e.name),
  );
  await writeFile(
    join(target, DEPLOYMENT_ENVIRONMENTS_FILE),
    serializeDeploymentEnvironments(chosen.map((e) => e.name)),
  );
  await writeFile(
    join(target, API_PARAMS_FILE),
    serializeApiParams(chosen.map((e) => ({ name: e.name, ...e.endpoints[input.apiId] }))),
  );
  return target;
}

/**
 * Copies an apictl project folder into `apis/<Name>-<version>/` and applies its
 * endpoint params to same-named environments. Returns the API id and the
 * environments that were updated.
 */
export async function importApictlProject(input: {
  root: string;
  projectDir: string;
  overwrite?: boolean;
}): Promise<{ apiId: string; environments: string[] }> {
  let text: string;
  try {
    text = await readFile(join(input.projectDir, API_YAML), 'utf8');
  } catch {
    throw new StudioError(
      'VALIDATION',
      `project: ${input.projectDir} has no ${API_YAML}; an apictl project holds api.yaml at its top`,
    );
  }
  const parsed = parseApiYaml(text);
  if (!parsed.ok) throw new StudioError('VALIDATION', `${API_YAML}: ${parsed.message}`);
  const id = apiIdOf(parsed.value.data.name, parsed.value.data.version);
  if (!isSafeFolderName(id))
    throw new StudioError(
      'VALIDATION',
      `${API_YAML}: data.name and data.version make "${id}", not a usable folder name`,
    );
  const target = apiFolderPath(input.root, id);
  if (await pathExists(target)) {
    if (!input.overwrite)
      throw new StudioError(
        'CONFLICT',
        `API ${id} already exists in ${APIS_DIR}/; import with overwrite to replace it`,
      );
    await rm(target, { recursive: true, force: true });
  }
  await mkdir(join(input.root, APIS_DIR), { recursive: true });
  // The per-environment files stay out of the API folder: their content lands in environments/.
  const skipped = new Set(
    [DEPLOYMENT_ENVIRONMENTS_FILE, API_PARAMS_FILE].map((f) => join(input.projectDir, f)),
  );
  await cp(input.projectDir, target, { recursive: true, filter: (src) => !skipped.has(src) });

  const updated: string[] = [];
  const paramsPath = join(input.projectDir, API_PARAMS_FILE);
  if (await pathExists(paramsPath)) {
    const params = parseApiParams(await readFile(paramsPath, 'utf8'));
    if (!params.ok) throw new StudioError('VALIDATION', `${API_PARAMS_FILE}: ${params.message}`);
    const { environments } = await listEnvironments(input.root);
    for (const entry of params.environments) {
      const environment = environments.find((e) => e.name === entry.name);
      if (!environment) continue;
      const override = {
        ...(entry.production !== undefined && { production: entry.production }),
        ...(entry.sandbox !== undefined && { sandbox: entry.sandbox }),
      };
      const endpoints = { ...environment.endpoints };
      if (Object.keys(override).length === 0) delete endpoints[id];
      else endpoints[id] = override;
      await writeEnvironment(input.root, { ...environment, endpoints });
      updated.push(environment.name);
    }
  }
  return { apiId: id, environments: updated };
}
