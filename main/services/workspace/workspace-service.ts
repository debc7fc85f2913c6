/**
 * The open workspace: opening and creating workspace folders, the recent list,
 * reading and changing APIs, and telling listeners when anything changed (by the
 * studio, or on disk). Every change is written to the folder first; what the
 * service holds is only the last scan of it.
 */
import { statSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ApiDetail, ApiSummary, RecentWorkspace, WorkspaceInfo } from '../../ipc/contract.js';
import { StudioError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  DefinitionCache,
  definitionLocationFor,
  readApi,
  toDetail,
  toSummary,
  writeFileAtomic,
  type ApiRecord,
} from './api-files.js';
import { planNewApi, writeNewApi, type NewApiInput } from './api-create.js';
import { planSettings, type ApiSettingsInput } from './api-settings.js';
import { planOperationUpdate, type OperationUpdate } from './api-operations.js';
import { mergeOperations, serializeApiYaml } from './api-yaml.js';
import { serializeMarker } from './marker.js';
import {
  API_YAML,
  APIS_DIR,
  MARKER_FILE,
  apiFolderPath,
  ignorableEntries,
  isSafeFolderName,
  workspaceFolders,
} from './paths.js';
import { copySample } from './sample.js';
import { scanWorkspace, type WorkspaceScan } from './scan.js';
import { watchWorkspace, type WorkspaceWatcher } from './watcher.js';

/** The part of the store the service records openings in. */
export interface RecentList {
  touch(path: string, name: string): void;
  list(): RecentWorkspace[];
  remove(path: string): void;
}

/** Options of `WorkspaceService`. */
export interface WorkspaceServiceOptions {
  recent: RecentList;
  /** The sample workspace's template folder; `null` when this build has none. */
  sampleSource: string | null;
  /** Quiet time before outside edits are re-read; default 150 ms. */
  settleMs?: number;
  log?: Logger;
}

const formatOfType = {
  REST: 'openapi',
  GRAPHQL: 'graphql',
  ASYNC: 'asyncapi',
  SOAP: 'wsdl',
  AI: 'openapi',
} as const;

async function kindOf(path: string): Promise<'missing' | 'file' | 'dir'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

export class WorkspaceService {
  private root: string | null = null;
  private scan: WorkspaceScan | null = null;
  private watcher: WorkspaceWatcher | null = null;
  private readonly cache = new DefinitionCache();
  private readonly changedListeners = new Set<(info: WorkspaceInfo) => void>();
  private readonly contentListeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.log = options.log ?? (() => undefined);
  }

  current(): WorkspaceInfo | null {
    return this.scan?.info ?? null;
  }

  /** The APIs of the last scan, with their api.yaml and definition (the gateway bundle's source). */
  apiRecords(): readonly ApiRecord[] {
    return this.scan?.apis ?? [];
  }

  /** Resolves once the watcher of the open workspace sees edits (tests wait for it). */
  async watching(): Promise<void> {
    await this.watcher?.ready;
  }

  recent(): RecentWorkspace[] {
    return this.options.recent.list().filter((entry) => {
      try {
        return statSync(entry.path).isDirectory();
      } catch {
        return false;
      }
    });
  }

  async open(path: string): Promise<WorkspaceInfo> {
    const root = resolve(path);
    const kind = await kindOf(root);
    if (kind === 'missing')
      throw new StudioError('NOT_FOUND', `path: folder ${root} does not exist`);
    if (kind === 'file')
      throw new StudioError('WORKSPACE_INVALID', `path: ${root} is a file; choose a folder`);
    const marker = await kindOf(join(root, MARKER_FILE));
    const apis = await kindOf(join(root, APIS_DIR));
    if (marker !== 'file' && apis !== 'dir') {
      throw new StudioError(
        'WORKSPACE_INVALID',
        `path: ${root} is not a workspace: expected a ${MARKER_FILE} (a Portico workspace) or an ${APIS_DIR}/ folder (an apictl project); create a new workspace instead`,
      );
    }
    return this.switchTo(root);
  }

  async create(path: string, options: { sample: boolean }): Promise<WorkspaceInfo> {
    const root = resolve(path);
    const kind = await kindOf(root);
    if (kind === 'file')
      throw new StudioError('WORKSPACE_INVALID', `path: ${root} is a file; choose a folder`);
    if (kind === 'dir') {
      const entries = (await readdir(root)).filter((name) => !ignorableEntries.has(name));
      if (entries.includes(MARKER_FILE)) {
        throw new StudioError(
          'CONFLICT',
          `path: ${root} is already a Portico workspace; open it instead`,
        );
      }
      if (entries.length > 0) {
        const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', ...' : '');
        throw new StudioError(
          'WORKSPACE_INVALID',
          `path: ${root} is not empty (it holds ${shown}); choose an empty folder or a new one`,
        );
      }
    }
    await mkdir(root, { recursive: true });
    if (options.sample) {
      const source = this.options.sampleSource;
      if (!source)
        throw new StudioError('UNSUPPORTED', 'sample: this build has no sample workspace to copy');
      await copySample(source, root);
    }
    for (const folder of workspaceFolders) {
      await mkdir(join(root, folder), { recursive: true });
      const entries = await readdir(join(root, folder));
      if (entries.length === 0) await writeFile(join(root, folder, '.gitkeep'), '');
    }
    await writeFile(join(root, MARKER_FILE), serializeMarker(basename(root)), 'utf8');
    return this.switchTo(root);
  }

  async getApi(id: string): Promise<ApiDetail> {
    const { root } = this.requireOpen();
    return toDetail(await this.readExisting(root, id));
  }

  async createApi(input: NewApiInput): Promise<ApiSummary> {
    const { root } = this.requireOpen();
    return this.exclusive(async () => {
      const plan = planNewApi(input, this.apiRecords());
      await writeNewApi(root, plan);
      await this.refresh();
      return toSummary(await this.readExisting(root, plan.id));
    });
  }

  /**
   * Saves the text as given, always; then re-derives the operations. Text that does
   * not parse stays saved: the API shows no operations and the workspace lists the
   * parse error as a problem of the file.
   */
  async saveDefinition(id: string, content: string): Promise<ApiDetail> {
    const { root } = this.requireOpen();
    return this.exclusive(async () => {
      const api = await this.readExisting(root, id);
      const folder = apiFolderPath(root, id);
      const location =
        api.definition ??
        definitionLocationFor(formatOfType[toSummary(api).type], 'yaml', api.apiYaml.data.name);
      const file = join(folder, location.file);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFileAtomic(file, content);
      const parsed = this.cache.read(file, location.format, content);
      if (parsed.ok) {
        const operations = mergeOperations(api.apiYaml.data.operations, parsed.info.operations);
        const next = serializeApiYaml({
          ...api.apiYaml,
          data: { ...api.apiYaml.data, operations },
        });
        if (next !== serializeApiYaml(api.apiYaml))
          await writeFileAtomic(join(folder, API_YAML), next);
      }
      await this.refresh();
      return toDetail(await this.readExisting(root, id));
    });
  }

  /** `apiPolicies`: the API policy names a `throttlingPolicy` may take (besides Unlimited). */
  async updateApiSettings(
    input: ApiSettingsInput,
    apiPolicies: readonly string[] = [],
  ): Promise<ApiDetail> {
    const { root } = this.requireOpen();
    return this.exclusive(async () => {
      const api = await this.readExisting(root, input.id);
      for (const write of planSettings(api, input, this.apiRecords(), apiPolicies)) {
        const file = join(apiFolderPath(root, write.id), API_YAML);
        const next = serializeApiYaml(write.apiYaml);
        const before =
          write.id === api.id
            ? api.apiYaml
            : this.apiRecords().find((a) => a.id === write.id)?.apiYaml;
        if (!before || next !== serializeApiYaml(before)) await writeFileAtomic(file, next);
      }
      await this.refresh();
      return toDetail(await this.readExisting(root, input.id));
    });
  }

  /** One operation's auth, API policy and scopes, written to its api.yaml entry. */
  async updateApiOperation(
    input: OperationUpdate,
    apiPolicies: readonly string[] = [],
  ): Promise<ApiDetail> {
    const { root } = this.requireOpen();
    return this.exclusive(async () => {
      const api = await this.readExisting(root, input.id);
      const next = serializeApiYaml(planOperationUpdate(api, input, apiPolicies));
      if (next !== serializeApiYaml(api.apiYaml))
        await writeFileAtomic(join(apiFolderPath(root, api.id), API_YAML), next);
      await this.refresh();
      return toDetail(await this.readExisting(root, input.id));
    });
  }

  async deleteApi(id: string): Promise<void> {
    const { root } = this.requireOpen();
    await this.exclusive(async () => {
      await this.requireFolder(root, id);
      await rm(apiFolderPath(root, id), { recursive: true, force: true });
      await this.refresh();
    });
  }

  /** Called with the new `WorkspaceInfo` whenever it differs from the last one. */
  onChanged(listener: (info: WorkspaceInfo) => void): () => void {
    this.changedListeners.add(listener);
    return () => this.changedListeners.delete(listener);
  }

  /**
   * Called after every re-read, even when `WorkspaceInfo` is unchanged (a definition's
   * text may have changed without its operations): the gateway host redeploys from it.
   */
  onContentChanged(listener: () => void): () => void {
    this.contentListeners.add(listener);
    return () => this.contentListeners.delete(listener);
  }

  async close(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
    await this.queue.catch(() => undefined);
  }

  private requireOpen(): { root: string } {
    if (!this.root)
      throw new StudioError('NO_WORKSPACE', 'No workspace is open; open or create one first');
    return { root: this.root };
  }

  private async requireFolder(root: string, id: string): Promise<void> {
    if (!isSafeFolderName(id) || (await kindOf(apiFolderPath(root, id))) !== 'dir') {
      throw new StudioError(
        'NOT_FOUND',
        `id: no API ${JSON.stringify(id)} in this workspace (no folder ${APIS_DIR}/${id})`,
      );
    }
  }

  private async readExisting(root: string, id: string): Promise<ApiRecord> {
    await this.requireFolder(root, id);
    const result = await readApi(root, id, this.cache);
    if (result.ok) return result.api;
    const [problem] = result.problems;
    throw new StudioError(
      'WORKSPACE_INVALID',
      problem ? `${problem.path}: ${problem.message}` : `${APIS_DIR}/${id} could not be read`,
    );
  }

  /** Runs mutations and re-reads one at a time, so two writers never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async switchTo(root: string): Promise<WorkspaceInfo> {
    return this.exclusive(async () => {
      const previous = this.watcher;
      this.watcher = null;
      await previous?.close();
      this.cache.clear();
      this.root = root;
      this.scan = await scanWorkspace(root, this.cache);
      this.watcher = watchWorkspace(root, {
        settleMs: this.options.settleMs,
        onSettled: () =>
          void this.exclusive(() => this.refresh()).catch((error: unknown) =>
            this.log('warn', `re-reading ${root}: ${String(error)}`),
          ),
        onError: (error) => this.log('warn', `watching ${root}: ${String(error)}`),
      });
      this.options.recent.touch(root, this.scan.info.name);
      this.emit(this.scan.info, true);
      return this.scan.info;
    });
  }

  /** Re-reads the open folder; tells listeners when the info changed. Call inside `exclusive`. */
  private async refresh(): Promise<void> {
    const root = this.root;
    if (!root) return;
    const next = await scanWorkspace(root, this.cache);
    if (this.root !== root) return;
    const changed = JSON.stringify(next.info) !== JSON.stringify(this.scan?.info);
    this.scan = next;
    this.emit(next.info, changed);
  }

  private emit(info: WorkspaceInfo, changed: boolean): void {
    const call = (listener: () => void): void => {
      try {
        listener();
      } catch (error) {
        this.log('error', `a workspace listener failed: ${String(error)}`);
      }
    };
    if (changed) for (const listener of [...this.changedListeners]) call(() => listener(info));
    for (const listener of [...this.contentListeners]) call(listener);
  }
}
