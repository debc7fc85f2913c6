/**
 * One API folder in apictl's layout: `api.yaml` plus its definition in
 * `Definitions/` (OpenAPI `swagger.yaml` or `swagger.json`, GraphQL
 * `schema.graphql`, AsyncAPI `asyncapi.yaml`) or `WSDL/<name>.wsdl`. Reading never
 * throws for a broken file: it reports a problem naming the file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ApiDetail, ApiSummary, DefinitionFormat } from '../../ipc/contract.js';
import { readDefinition } from '../definitions/detect.js';
import { bundleFromDisk } from '../definitions/external-refs-disk.js';
import type { DefinitionLanguage } from '../definitions/detect.js';
import { describeDefinitionError, type DefinitionResult } from '../definitions/types.js';
import { API_YAML, APIS_DIR, apiFolderPath } from './paths.js';
import { apiTypeOf, apiTypeOfData, endpointValue, parseApiYaml, type ApiYaml } from './api-yaml.js';

/** A file that exists but could not be read, and why. */
export interface Problem {
  path: string;
  message: string;
}

/** Where an API's definition sits, relative to its folder, by format. */
export interface DefinitionLocation {
  format: DefinitionFormat;
  /** Relative to the API folder, `/`-separated. */
  file: string;
  language: DefinitionLanguage;
}

/** An API folder as read from disk. */
export interface ApiRecord {
  id: string;
  /** `apis/<id>`. */
  folder: string;
  apiYaml: ApiYaml;
  /**
   * `bundled`: the definition with the other files its `$ref`s name inlined (multi-file
   * OpenAPI/AsyncAPI); absent when it references none.
   */
  definition: (DefinitionLocation & { content: string; bundled?: string }) | null;
  /** How the definition read; `null` without a definition. */
  parsed: DefinitionResult | null;
}

const fixedLocations: DefinitionLocation[] = [
  { format: 'openapi', file: 'Definitions/swagger.yaml', language: 'yaml' },
  { format: 'openapi', file: 'Definitions/swagger.json', language: 'json' },
  { format: 'graphql', file: 'Definitions/schema.graphql', language: 'graphql' },
  { format: 'asyncapi', file: 'Definitions/asyncapi.yaml', language: 'yaml' },
  { format: 'asyncapi', file: 'Definitions/asyncapi.json', language: 'json' },
];

/** The file a new definition is written to. JSON OpenAPI/AsyncAPI text keeps its JSON form. */
export function definitionLocationFor(
  format: DefinitionFormat,
  language: DefinitionLanguage,
  wsdlName: string,
): DefinitionLocation {
  if (format === 'wsdl') return { format, file: `WSDL/${wsdlName}.wsdl`, language: 'xml' };
  const json = language === 'json';
  const base = format === 'openapi' ? 'swagger' : 'asyncapi';
  if (format === 'graphql')
    return { format, file: 'Definitions/schema.graphql', language: 'graphql' };
  return {
    format,
    file: `Definitions/${base}.${json ? 'json' : 'yaml'}`,
    language: json ? 'json' : 'yaml',
  };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function listWsdl(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(join(folder, 'WSDL'), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && /\.wsdl$/i.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Reuses the last result while a definition's text is unchanged: large specs parse once. */
export class DefinitionCache {
  private readonly entries = new Map<
    string,
    { format: DefinitionFormat; content: string; result: DefinitionResult }
  >();

  read(key: string, format: DefinitionFormat, content: string): DefinitionResult {
    const hit = this.entries.get(key);
    if (hit && hit.format === format && hit.content === content) return hit.result;
    const result = readDefinition(format, content);
    this.entries.set(key, { format, content, result });
    return result;
  }

  /** Forgets every entry not in `keep` (APIs deleted or renamed since). */
  retain(keep: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keep.has(key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export type ReadApiResult =
  { ok: true; api: ApiRecord; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Reads `apis/<id>`; a missing or invalid api.yaml or a definition that does not parse is a problem. */
export async function readApi(
  root: string,
  id: string,
  cache: DefinitionCache,
): Promise<ReadApiResult> {
  const folder = apiFolderPath(root, id);
  const rel = `${APIS_DIR}/${id}`;
  const yamlText = await readText(join(folder, API_YAML));
  if (yamlText === null) {
    return {
      ok: false,
      problems: [
        {
          path: `${rel}/${API_YAML}`,
          message: `missing ${API_YAML}: every folder in apis/ is an apictl API project with an ${API_YAML}`,
        },
      ],
    };
  }
  const apiYaml = parseApiYaml(yamlText);
  if (!apiYaml.ok)
    return { ok: false, problems: [{ path: `${rel}/${API_YAML}`, message: apiYaml.message }] };

  const problems: Problem[] = [];
  let definition: ApiRecord['definition'] = null;
  const candidates = [...fixedLocations];
  for (const name of await listWsdl(folder)) {
    candidates.push({ format: 'wsdl', file: `WSDL/${name}`, language: 'xml' });
  }
  const preferred = apiTypeOf(apiYaml.value.data.type);
  const order: Record<string, DefinitionFormat> = {
    REST: 'openapi',
    GRAPHQL: 'graphql',
    ASYNC: 'asyncapi',
    SOAP: 'wsdl',
  };
  candidates.sort(
    (a, b) => Number(b.format === order[preferred]) - Number(a.format === order[preferred]),
  );
  for (const location of candidates) {
    const content = await readText(join(folder, location.file));
    if (content !== null) {
      definition = { ...location, content };
      break;
    }
  }
  let parsed: DefinitionResult | null = null;
  if (definition) {
    const external = await bundleFromDisk(folder, definition.file, definition.content);
    if (!external.ok)
      problems.push({ path: `${rel}/${definition.file}`, message: external.message });
    else if (external.bundled !== null) definition.bundled = external.bundled;
    const readable = definition.bundled ?? definition.content;
    parsed = cache.read(join(folder, definition.file), definition.format, readable);
    if (!parsed.ok)
      problems.push({
        path: `${rel}/${definition.file}`,
        message: describeDefinitionError(parsed.error),
      });
  }
  return {
    ok: true,
    api: { id, folder: rel, apiYaml: apiYaml.value, definition, parsed },
    problems,
  };
}

/**
 * Operations as the studio shows them: from the definition (none when it does not
 * parse), each with the auth, API policy and scopes its api.yaml entry sets.
 */
export function operationsOf(api: ApiRecord): ApiDetail['operations'] {
  const settings = new Map(
    (api.apiYaml.data.operations ?? []).map((op) => [operationKey(op.verb, op.target), op]),
  );
  const derived = api.parsed
    ? api.parsed.ok
      ? api.parsed.info.operations
      : []
    : (api.apiYaml.data.operations ?? []).map((op) => ({
        method: op.verb.toUpperCase(),
        target: op.target,
      }));
  return derived.map((op) => {
    const set = settings.get(operationKey(op.method, op.target));
    if (!set) return op;
    return {
      ...op,
      auth: set.authType?.toLowerCase() === 'none' ? 'none' : 'required',
      throttlingPolicy: set.throttlingPolicy ?? null,
      scopes: set.scopes ?? [],
    };
  });
}

/** How api.yaml entries and definition operations are matched: method and target. */
export function operationKey(method: string, target: string): string {
  return `${method.toUpperCase()} ${target}`;
}

export function toSummary(api: ApiRecord): ApiSummary {
  const { data } = api.apiYaml;
  return {
    id: api.id,
    name: data.name,
    version: data.version,
    context: data.context,
    type: apiTypeOfData(data),
    definitionFormat: api.definition?.format ?? null,
    path: api.folder,
    operationCount: operationsOf(api).length,
  };
}

export function toDetail(api: ApiRecord): ApiDetail {
  const { data } = api.apiYaml;
  return {
    ...toSummary(api),
    isDefaultVersion: data.isDefaultVersion,
    throttlingPolicy: data.apiThrottlingPolicy ?? null,
    operations: operationsOf(api),
    endpoints: {
      production: endpointValue(data.endpointConfig, 'production'),
      sandbox: endpointValue(data.endpointConfig, 'sandbox'),
    },
    definition: api.definition
      ? {
          format: api.definition.format,
          file: `${api.folder}/${api.definition.file}`,
          language: api.definition.language,
          content: api.definition.content,
        }
      : null,
  };
}

/** Writes through a temporary sibling and a rename, so a reader never sees half a file. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
