/**
 * Importing definitions beyond a single pasted text: from a URL (fetched here, with
 * its relative `$ref`s fetched beside it), from a folder of files with a chosen root
 * (the referenced files copied into `Definitions/` keeping their relative paths),
 * detecting a text's format for the create dialog, and exporting a definition.
 * Creating the API itself stays with the workspace service.
 */
import { posix } from 'node:path';
import type { ApiSummary } from '../../ipc/contract.js';
import type { DetectionView, ExportedDefinition } from '../../ipc/contract-import.js';
import { detectDefinition } from '../definitions/detect.js';
import { exportDefinition } from '../definitions/export.js';
import {
  bundleDefinition,
  collectReferencedFiles,
  ExternalRefError,
  hasExternalRefs,
  type RefFileReader,
} from '../definitions/external-refs.js';
import { parseStructured } from '../definitions/source.js';
import { describeDefinitionError } from '../definitions/types.js';
import { StudioError } from '../errors.js';
import type { ApiRecord } from '../workspace/api-files.js';
import type { NewApiInput } from '../workspace/api-create.js';
import { fetchDefinition, type FetchLimits } from './url-fetch.js';

/** Name, version and context chosen by the user instead of the document's. */
export interface ImportOverrides {
  name?: string | undefined;
  version?: string | undefined;
  context?: string | undefined;
}

/** What the import service needs from the workspace. */
export interface ImportWorkspace {
  createApi(input: NewApiInput): Promise<ApiSummary>;
  apiRecords(): readonly ApiRecord[];
}

export interface ImportServiceOptions {
  workspace: ImportWorkspace;
  /** Limits for URL imports (tests lower them). */
  fetchLimits?: FetchLimits;
}

function withOverrides(input: NewApiInput, overrides: ImportOverrides): NewApiInput {
  const out = { ...input };
  if (overrides.name?.trim()) out.name = overrides.name;
  if (overrides.version?.trim()) out.version = overrides.version;
  if (overrides.context?.trim()) out.context = overrides.context;
  return out;
}

export class ImportService {
  constructor(private readonly options: ImportServiceOptions) {}

  /** What the text is, for the dialog to show before creating; never throws for bad text. */
  detect(content: string, fileName?: string): DetectionView {
    const detected = detectDefinition(content, fileName);
    if (!detected.ok) return { ok: false, message: describeDefinitionError(detected.error) };
    return {
      ok: true,
      format: detected.info.format,
      convertedFrom: detected.converted?.from ?? null,
      title: detected.info.title,
      version: detected.info.version,
      operationCount: detected.info.operations.length,
    };
  }

  /** Fetches a definition (and the files its relative `$ref`s name) and creates the API. */
  async importUrl(url: string, overrides: ImportOverrides = {}): Promise<ApiSummary> {
    const limits = this.options.fetchLimits ?? {};
    const fetched = await fetchDefinition(url, limits);
    const base = new URL(fetched.url);
    const rootName = fetched.fileName ?? 'definition';
    const read: RefFileReader = async (path) => {
      const next = await fetchDefinition(new URL(path, base).href, limits);
      return next.content;
    };
    return this.createWithRefs(rootName, fetched.content, read, overrides, 'url');
  }

  /**
   * Creates an API from a folder's files: `rootFile` is the definition, the others
   * may be referenced by it. Paths are `/`-separated, relative to the chosen folder.
   */
  async importFiles(
    rootFile: string,
    files: readonly { path: string; content: string }[],
    overrides: ImportOverrides = {},
  ): Promise<ApiSummary> {
    const byPath = new Map(
      files.map((f) => [posix.normalize(f.path.replace(/\\/g, '/')), f.content]),
    );
    const root = posix.normalize(rootFile.replace(/\\/g, '/'));
    const rootContent = byPath.get(root);
    if (rootContent === undefined) {
      throw new StudioError(
        'VALIDATION',
        `rootFile: "${rootFile}" is not among the ${files.length} files given; pick one of them`,
      );
    }
    return this.createWithRefs(
      root,
      rootContent,
      async (path) => byPath.get(path) ?? null,
      overrides,
      'rootFile',
    );
  }

  private async createWithRefs(
    root: string,
    content: string,
    read: RefFileReader,
    overrides: ImportOverrides,
    field: string,
  ): Promise<ApiSummary> {
    const fileName = posix.basename(root);
    const parsed = parseStructured(content);
    if (!parsed.ok || !hasExternalRefs(parsed.value)) {
      return this.options.workspace.createApi(withOverrides({ content, fileName }, overrides));
    }
    let files: Map<string, string>;
    let bundled: unknown;
    try {
      files = await collectReferencedFiles(root, content, read);
      bundled = await bundleDefinition(root, files);
    } catch (error) {
      if (error instanceof ExternalRefError)
        throw new StudioError('DEFINITION_INVALID', `${field}: ${error.message}`);
      throw error;
    }
    const folder = posix.dirname(root);
    const extra = [...files.entries()]
      .filter(([path]) => path !== root)
      .map(([path, text]) => ({ path: posix.relative(folder, path), content: text }));
    return this.options.workspace.createApi(
      withOverrides(
        { content, fileName, files: extra, readable: JSON.stringify(bundled) },
        overrides,
      ),
    );
  }

  /** The API's definition as one file: JSON or YAML for OpenAPI/AsyncAPI, SDL, WSDL. */
  exportApi(id: string, as?: 'json' | 'yaml'): ExportedDefinition {
    const api = this.options.workspace.apiRecords().find((record) => record.id === id);
    if (!api)
      throw new StudioError('NOT_FOUND', `id: no API ${JSON.stringify(id)} in this workspace`);
    if (!api.definition) {
      throw new StudioError('NOT_FOUND', `${api.folder} has no definition file to export`);
    }
    const result = exportDefinition(api.definition, api.id, as);
    if (!result.ok)
      throw new StudioError(
        'DEFINITION_INVALID',
        `${api.folder}/${api.definition.file}: ${result.message}`,
      );
    return result.file;
  }
}
