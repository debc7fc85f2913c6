/**
 * Turning a pasted or opened definition into a new API folder: detect the format,
 * derive name, version, context and endpoint, refuse what would clash, then write
 * the folder in one rename so a failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { ApiType, DefinitionFormat } from '../../ipc/contract.js';
import { detectDefinition } from '../definitions/detect.js';
import { structuredLanguage } from '../definitions/source.js';
import { describeDefinitionError } from '../definitions/types.js';
import { StudioError } from '../errors.js';
import { definitionLocationFor, type ApiRecord, type DefinitionLocation } from './api-files.js';
import { apictlTypeFor, newApiYaml, serializeApiYaml, type ApiYaml } from './api-yaml.js';
import {
  API_YAML,
  APIS_DIR,
  apiId,
  contextPattern,
  contextRule,
  isSafeFolderName,
  isValidApiName,
  kebab,
  nameRule,
  sanitizeApiName,
  sanitizeVersion,
  versionPattern,
  versionRule,
} from './paths.js';
import { pathExists } from '../path-exists.js';

/** What `createApi` receives (the `apis.create` request). */
export interface NewApiInput {
  content: string;
  fileName?: string;
  name?: string;
  version?: string;
  context?: string;
  /**
   * A multi-file definition's other files, `/`-separated paths relative to the
   * root file's folder; written beside the definition so its relative `$ref`s hold.
   */
  files?: { path: string; content: string }[];
  /**
   * The definition with every external `$ref` bundled in: detection and the
   * operations read this, while `content` (the root as written) is what is stored.
   */
  readable?: string;
}

/** A validated API, ready to be written. */
export interface NewApiPlan {
  id: string;
  apiYaml: ApiYaml;
  location: DefinitionLocation;
  content: string;
  /** Files written beside the definition, paths relative to the API folder. */
  extraFiles: { file: string; content: string }[];
}

const typeOfFormat: Record<DefinitionFormat, Exclude<ApiType, 'AI'>> = {
  openapi: 'REST',
  graphql: 'GRAPHQL',
  asyncapi: 'ASYNC',
  wsdl: 'SOAP',
};

/** `schema.graphql` -> `schema`; `C:\\specs\\pets.v2.yaml` -> `pets.v2`. */
function baseName(fileName: string): string {
  return basename(fileName.replace(/\\/g, '/')).replace(/\.[^.]+$/, '');
}

function chooseName(input: NewApiInput, title: string | null): string {
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!isValidApiName(name)) throw new StudioError('VALIDATION', `name: ${nameRule}`);
    return name;
  }
  const derived = sanitizeApiName(title ?? (input.fileName ? baseName(input.fileName) : ''));
  if (!derived) {
    throw new StudioError(
      'VALIDATION',
      'name: the definition has no title to name the API after (OpenAPI/AsyncAPI info.title, WSDL name); give a name',
    );
  }
  return derived;
}

function chooseVersion(input: NewApiInput, documentVersion: string | null): string {
  if (input.version !== undefined) {
    const version = input.version.trim();
    if (!versionPattern.test(version))
      throw new StudioError('VALIDATION', `version: ${versionRule}`);
    return version;
  }
  return sanitizeVersion(documentVersion ?? '') || '1.0.0';
}

function chooseContext(input: NewApiInput, name: string): string {
  const context = input.context?.trim() ?? `/${kebab(name)}`;
  if (!contextPattern.test(context)) {
    const hint =
      input.context === undefined ? ` (derived from the name "${name}"; give a context)` : '';
    throw new StudioError('VALIDATION', `context: ${contextRule}${hint}`);
  }
  return context;
}

/** Validates and derives everything; throws `StudioError` without touching the disk. */
export function planNewApi(input: NewApiInput, existing: readonly ApiRecord[]): NewApiPlan {
  const detected = detectDefinition(input.readable ?? input.content, input.fileName);
  if (!detected.ok) {
    const where = input.fileName ? `${baseName(input.fileName)}: ` : 'definition: ';
    throw new StudioError(
      'DEFINITION_INVALID',
      `${where}${describeDefinitionError(detected.error)}`,
    );
  }
  const { info } = detected;
  // A bundled multi-file definition is stored as its root, in the root's own language.
  const language =
    input.readable !== undefined ? structuredLanguage(input.content) : detected.language;
  const name = chooseName(input, info.title);
  const version = chooseVersion(input, info.version);
  const context = chooseContext(input, name);
  const id = apiId(name, version);
  if (!isSafeFolderName(id)) throw new StudioError('VALIDATION', `name: ${nameRule}`);

  const clash = existing.find((api) => api.id.toLowerCase() === id.toLowerCase());
  if (clash) {
    throw new StudioError(
      'CONFLICT',
      `an API ${clash.id} already exists (${APIS_DIR}/${clash.id}); give another name or version`,
    );
  }
  const sameRoute = existing.find(
    (api) => api.apiYaml.data.context === context && api.apiYaml.data.version === version,
  );
  if (sameRoute) {
    throw new StudioError(
      'CONFLICT',
      `context: ${context} version ${version} is already served by ${sameRoute.id}; give another context or version`,
    );
  }
  const apiYaml = newApiYaml({
    name,
    version,
    context,
    type: apictlTypeFor[typeOfFormat[info.format]],
    productionUrl: info.endpoint,
    operations: info.operations,
  });
  const location = definitionLocationFor(info.format, language, name);
  return {
    id,
    apiYaml,
    location,
    content: detected.converted?.content ?? input.content,
    extraFiles: planExtraFiles(input.files ?? [], location),
  };
}

/** Places a multi-file definition's other files beside the root, refusing unsafe paths. */
function planExtraFiles(
  files: readonly { path: string; content: string }[],
  location: DefinitionLocation,
): NewApiPlan['extraFiles'] {
  if (files.length === 0) return [];
  if (location.format !== 'openapi' && location.format !== 'asyncapi') {
    throw new StudioError(
      'VALIDATION',
      'files: only OpenAPI and AsyncAPI definitions can reference other files',
    );
  }
  const folder = posix.dirname(location.file);
  return files.map(({ path, content }) => {
    const normal = posix.normalize(path.replace(/\\/g, '/'));
    if (normal.startsWith('..') || posix.isAbsolute(normal) || normal === '.') {
      throw new StudioError(
        'VALIDATION',
        `files: "${path}" must be a relative path inside the root file's folder`,
      );
    }
    const file = posix.join(folder, normal);
    if (file === location.file) {
      throw new StudioError(
        'VALIDATION',
        `files: "${path}" would overwrite the definition itself (${location.file}); rename it`,
      );
    }
    return { file, content };
  });
}

/** Writes `apis/<id>/` through a hidden staging folder renamed into place. */
export async function writeNewApi(root: string, plan: NewApiPlan): Promise<void> {
  const apisDir = join(root, APIS_DIR);
  const target = join(apisDir, plan.id);
  // Case-insensitive file systems would merge PetStore-1.0.0 into petstore-1.0.0.
  if (await pathExists(target)) {
    throw new StudioError(
      'CONFLICT',
      `an API folder ${APIS_DIR}/${plan.id} already exists; give another name or version`,
    );
  }
  await mkdir(apisDir, { recursive: true });
  const staging = join(apisDir, `.new-${randomBytes(6).toString('hex')}`);
  try {
    const definitionPath = join(staging, plan.location.file);
    await mkdir(dirname(definitionPath), { recursive: true });
    await writeFile(definitionPath, plan.content, 'utf8');
    for (const extra of plan.extraFiles) {
      const path = join(staging, extra.file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, extra.content, 'utf8');
    }
    await writeFile(join(staging, API_YAML), serializeApiYaml(plan.apiYaml), 'utf8');
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
