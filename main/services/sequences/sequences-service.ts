/**
 * Sequences of the open workspace: one `sequences/<name>.yaml` file each. Lists,
 * reads, validates, saves, renames (with the API endpoints that name them) and deletes them, dry-runs one through the
 * local gateway, and keeps the valid ones at hand for the gateway bundle (it
 * re-reads them whenever the workspace changes on disk, before telling the
 * gateway host to redeploy).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sequence } from '../../../gateway-runtime/src/index.js';
import type {
  SequenceCheck,
  SequenceEntry,
  SequenceFile,
  SequenceTryRequest,
  SequenceTryResult,
} from '../../ipc/contract.js';
import { sequenceNamePattern, sequenceNameRule } from '../../ipc/contract.js';
import { StudioError } from '../errors.js';
import { pathExists } from '../path-exists.js';
import { writeFileAtomic } from '../workspace/api-files.js';
import {
  SEQUENCES_DIR,
  describeIssues,
  parseSequenceText,
  serializeSequence,
  validateSequence,
} from './sequence-file.js';
import { runSequence, type AdminCall } from './try-run.js';
import {
  findSequenceReferences,
  moveError,
  moveSequenceReferences,
  type SequenceReferenceWorkspace,
} from './sequence-references.js';
import { readYamlFiles, yamlStem } from '../yaml-files.js';

/** What the service needs of the workspace service (a rename rewrites the APIs naming it). */
export interface SequencesWorkspace extends SequenceReferenceWorkspace {
  current(): { root: string } | null;
  onContentChanged(listener: () => void): () => void;
}

/** Options of `SequencesService`. */
export interface SequencesServiceOptions {
  workspace: SequencesWorkspace;
  /** Calls the running local gateway's admin API (`GatewayHostService.admin`). */
  admin: AdminCall;
  /**
   * The local bundle's id of a workspace API (`PetStore-1.0.0` → `petstore-1.0.0`), or
   * null when the workspace has no such API: a dry run forwards `send` steps to it.
   */
  bundleApiId?: (workspaceId: string) => string | null;
  log?: (level: 'warn' | 'error', message: string) => void;
}

function checkName(field: string, name: string): void {
  if (!sequenceNamePattern.test(name))
    throw new StudioError('VALIDATION', `${field}: ${sequenceNameRule}`);
}

export class SequencesService {
  private valid: Sequence[] = [];
  private readonly listeners = new Set<() => void>();
  private reloading: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: SequencesServiceOptions) {
    const reloadAndTell = (): void => {
      void this.reload().then(() => {
        for (const listener of [...this.listeners]) listener();
      });
    };
    this.unsubscribe = options.workspace.onContentChanged(reloadAndTell);
    // The workspace is usually open already: read its sequences now, not at its first change.
    reloadAndTell();
  }

  /** The valid sequences of the last read, for the gateway bundle. */
  bundleSequences(): readonly Sequence[] {
    return this.valid;
  }

  /** Called after the sequences were re-read following a workspace change. */
  onReloaded(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads every file (one read at a time); resolves when `bundleSequences()` is current. */
  reload(): Promise<void> {
    const run = this.reloading.then(async () => {
      try {
        const files = this.options.workspace.current() ? await this.readAll() : [];
        this.valid = files.flatMap((file) => {
          const result = validateSequence(file.document);
          return result.ok && file.problem === null ? [result.sequence] : [];
        });
      } catch (error) {
        this.options.log?.('warn', `reading sequences: ${String(error)}`);
      }
    });
    this.reloading = run;
    return run;
  }

  async list(): Promise<SequenceEntry[]> {
    return (await this.readAll()).map(({ name, path, problem }) => ({ name, path, problem }));
  }

  async get(name: string): Promise<SequenceFile> {
    checkName('name', name);
    const file = (await this.readAll()).find((f) => f.name === name);
    if (!file) {
      throw new StudioError(
        'NOT_FOUND',
        `name: no sequence ${JSON.stringify(name)} in this workspace (no file ${SEQUENCES_DIR}/${name}.yaml)`,
      );
    }
    return file;
  }

  async create(name: string): Promise<SequenceFile> {
    checkName('name', name);
    const path = this.fileOf(name);
    if (await pathExists(path))
      throw new StudioError('CONFLICT', `name: a sequence named ${name} already exists`);
    return this.write(name, { name, steps: [] });
  }

  /** Text in, document out; or a document in, its YAML out. Either way with its issues. */
  check(input: { content?: string | undefined; document?: unknown }): SequenceCheck {
    if (input.content !== undefined) {
      const parsed = parseSequenceText(input.content);
      if (!parsed.ok) return { yaml: input.content, document: null, issues: [parsed.issue] };
      const result = validateSequence(parsed.document);
      return {
        yaml: input.content,
        document: parsed.document,
        issues: result.ok ? [] : result.issues,
      };
    }
    const result = validateSequence(input.document);
    return {
      yaml: serializeSequence(input.document),
      document: input.document,
      issues: result.ok ? [] : result.issues,
    };
  }

  async save(name: string, document: unknown): Promise<SequenceFile> {
    checkName('name', name);
    const named =
      typeof document === 'object' && document !== null && !Array.isArray(document)
        ? { ...document, name }
        : document;
    const result = validateSequence(named);
    if (!result.ok) throw new StudioError('VALIDATION', describeIssues(result.issues));
    return this.write(name, named);
  }

  /**
   * Renames the file and points every API endpoint that names `from` at `to`. The
   * order keeps each API naming a sequence that exists: the new file first, then the
   * APIs, and the old file last. A failed API write undoes the APIs already moved and
   * the new file, and the error names the api.yaml that failed.
   */
  async rename(from: string, to: string): Promise<SequenceFile> {
    checkName('from', from);
    checkName('to', to);
    const file = await this.get(from);
    if (from === to) return file;
    if (await pathExists(this.fileOf(to)))
      throw new StudioError('CONFLICT', `to: a sequence named ${to} already exists`);
    const document =
      typeof file.document === 'object' && file.document !== null
        ? { ...file.document, name: to }
        : { name: to, steps: [] };
    const written = await this.write(to, document);
    const { workspace } = this.options;
    const failure = await moveSequenceReferences(
      workspace,
      findSequenceReferences(workspace, from),
      from,
      to,
    );
    if (failure) {
      if (failure.stuck.length === 0) await rm(this.fileOf(to), { force: true });
      throw moveError(failure, from, to);
    }
    await rm(join(this.root(), file.path), { force: true });
    return written;
  }

  async delete(name: string): Promise<void> {
    const file = await this.get(name);
    await rm(join(this.root(), file.path), { force: true });
  }

  /** Dry-runs a document through the local gateway: nothing is deployed or saved. */
  async try(input: {
    document: unknown;
    request: SequenceTryRequest;
    apiId?: string | undefined;
  }): Promise<SequenceTryResult> {
    const result = validateSequence(input.document);
    if (!result.ok) throw new StudioError('VALIDATION', describeIssues(result.issues));
    let apiId = input.apiId;
    if (apiId && this.options.bundleApiId) {
      const mapped = this.options.bundleApiId(apiId);
      if (mapped === null)
        throw new StudioError(
          'NOT_FOUND',
          `apiId: the workspace has no API ${JSON.stringify(apiId)} (use an id such as PetStore-1.0.0)`,
        );
      apiId = mapped;
    }
    return runSequence(this.options.admin, {
      sequence: result.sequence,
      request: input.request,
      ...(apiId ? { apiId } : {}),
    });
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private root(): string {
    const current = this.options.workspace.current();
    if (!current)
      throw new StudioError('NO_WORKSPACE', 'No workspace is open; open or create one first');
    return current.root;
  }

  private fileOf(name: string): string {
    return join(this.root(), SEQUENCES_DIR, `${name}.yaml`);
  }

  private async write(name: string, document: unknown): Promise<SequenceFile> {
    const dir = join(this.root(), SEQUENCES_DIR);
    await mkdir(dir, { recursive: true });
    const content = serializeSequence(document);
    await writeFileAtomic(join(dir, `${name}.yaml`), content);
    return this.toFile(name, `${SEQUENCES_DIR}/${name}.yaml`, content);
  }

  private toFile(name: string, path: string, content: string): SequenceFile {
    const parsed = parseSequenceText(content);
    if (!parsed.ok) {
      const issues = [parsed.issue];
      return { name, path, content, document: null, issues, problem: describeIssues(issues) };
    }
    const result = validateSequence(parsed.document);
    const issues = result.ok ? [] : result.issues;
    const docName = (parsed.document as { name?: unknown } | null)?.name;
    if (result.ok && docName !== name) {
      issues.push({
        path: 'name',
        message: `must be ${JSON.stringify(name)}, the file's name (the gateway finds sequences by it)`,
      });
    }
    return {
      name,
      path,
      content,
      document: parsed.document,
      issues,
      problem: issues.length > 0 ? describeIssues(issues) : null,
    };
  }

  private async readAll(): Promise<SequenceFile[]> {
    const files = await readYamlFiles(join(this.root(), SEQUENCES_DIR));
    return files.map(({ name, text }) =>
      this.toFile(yamlStem(name), `${SEQUENCES_DIR}/${name}`, text),
    );
  }
}
