/**
 * Plans and throttling policies as workspace files (`policies/<kind>-<name>.yaml`).
 * The files of the open workspace are the whole plan set of its bundles; a workspace
 * without any policy file gets the WSO2-like defaults (`default-policies.ts`), and
 * the first policy saved there writes those defaults out as files beside it, so the
 * set a user sees never shrinks behind their back. Reads are synchronous: the folder
 * holds a handful of small files and the applications services validate names inline.
 * Given the workspace's change events, the parsed set is kept between calls (every
 * bundle build and every plan-name check asks for it) and read again after the
 * workspace reports a change on disk, after the service's own writes, and when
 * another workspace is opened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Policies } from '../../../gateway-runtime/src/index.js';
import { defaultPolicies } from '../applications/default-policies.js';
import { StudioError } from '../errors.js';
import { writeFileAtomic } from '../workspace/api-files.js';
import {
  BUILT_IN_POLICY,
  POLICIES_DIR,
  parsePolicy,
  policyFileName,
  serializePolicy,
  validatePolicy,
  type PolicyDocument,
  type PolicyKind,
} from './policy-file.js';
import { byCodePoint } from '../sort.js';

/** A policy file that exists but does not read, and why. */
export interface PolicyProblem {
  path: string;
  message: string;
}

/** What the Policies view lists. */
export interface PolicyListing {
  policies: PolicyDocument[];
  problems: PolicyProblem[];
  /** True when the workspace has no policy file and the defaults apply. */
  usingDefaults: boolean;
}

/** The synchronous reads `readPolicyFiles` makes; tests count them. */
export interface PolicyFileReader {
  readdir(dir: string): string[];
  readFile(path: string): string;
}

const nodeReader: PolicyFileReader = {
  readdir: (dir) => readdirSync(dir),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** Options of `PoliciesService`. */
export interface PoliciesServiceOptions {
  /** The open workspace's folder, or null. */
  root(): string | null;
  /**
   * Called after the workspace was re-read from disk (`WorkspaceService.onContentChanged`);
   * the cached policies are read again at the next use. Without it nothing would tell
   * the service about edits on disk, so it keeps nothing and reads at every use.
   */
  onContentChanged?(listener: () => void): () => void;
  /** Default: node:fs. */
  reader?: PolicyFileReader;
  /** Who uses a policy (`application Mobile`, `subscription of Mobile to PetStore-1.0.0`); deleting or renaming it is refused while any does. */
  usedBy?(kind: PolicyKind, name: string): string[];
}

/** The defaults as documents, in the order the bundle lists them. */
export function defaultPolicyDocuments(): PolicyDocument[] {
  return [
    ...defaultPolicies.subscription.map((p) => ({ kind: 'subscription' as const, ...p })),
    ...defaultPolicies.application.map((p) => ({ kind: 'application' as const, ...p })),
    ...defaultPolicies.api.map((p) => ({ kind: 'api' as const, ...p })),
  ];
}

/** Reads every `policies/*.yaml` of a folder; files that do not read become problems. */
export function readPolicyFiles(
  root: string,
  reader: PolicyFileReader = nodeReader,
): {
  policies: PolicyDocument[];
  problems: PolicyProblem[];
  files: number;
} {
  let names: string[];
  try {
    names = reader.readdir(join(root, POLICIES_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { policies: [], problems: [], files: 0 };
    throw error;
  }
  const files = names.filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort(byCodePoint);
  const policies: PolicyDocument[] = [];
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const path = `${POLICIES_DIR}/${file}`;
    const parsed = parsePolicy(reader.readFile(join(root, POLICIES_DIR, file)));
    if (!parsed.ok) {
      problems.push({ path, message: parsed.message });
      continue;
    }
    const { kind, name } = parsed.policy;
    const expected = policyFileName(kind, name);
    if (file !== expected) {
      problems.push({
        path,
        message: `name: a ${kind} policy named ${name} belongs in ${expected}`,
      });
      continue;
    }
    const key = `${kind}/${name}`;
    if (seen.has(key)) {
      problems.push({ path, message: `name: another file already defines ${kind} ${name}` });
      continue;
    }
    seen.add(key);
    policies.push(parsed.policy);
  }
  return { policies, problems, files: files.length };
}

/** Documents grouped into a bundle's `policies`. */
export function toBundlePolicies(documents: readonly PolicyDocument[]): Policies {
  const policies: Policies = { subscription: [], application: [], api: [] };
  for (const { kind, ...policy } of documents) {
    if (kind === 'subscription')
      policies.subscription.push(policy as Policies['subscription'][number]);
    else if (kind === 'application')
      policies.application.push(policy as Policies['application'][number]);
    else policies.api.push(policy as Policies['api'][number]);
  }
  return policies;
}

/** What one read of a workspace's folder yields, kept until the next change. */
interface CachedRead {
  root: string | null;
  listing: PolicyListing;
  bundle: Policies;
}

function cachedRead(root: string | null, listing: PolicyListing): CachedRead {
  Object.freeze(listing.policies);
  Object.freeze(listing.problems);
  return { root, listing: Object.freeze(listing), bundle: toBundlePolicies(listing.policies) };
}

export class PoliciesService {
  private cache: CachedRead | null = null;
  private readonly caching: boolean;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: PoliciesServiceOptions) {
    this.caching = options.onContentChanged !== undefined;
    this.unsubscribe = options.onContentChanged?.(() => this.invalidate()) ?? (() => undefined);
  }

  /**
   * The workspace's policies, or the defaults when it has no policy file. The same
   * (frozen) listing comes back until the files change: treat it as read-only.
   */
  list(): PolicyListing {
    return this.current().listing;
  }

  /** What a bundle carries: the workspace's plan set. */
  bundlePolicies(): Policies {
    return this.current().bundle;
  }

  /** Stops listening to the workspace. */
  close(): void {
    this.unsubscribe();
    this.cache = null;
  }

  /** Names a subscription or application may use: `Unlimited`, then the workspace's. */
  names(kind: PolicyKind): string[] {
    return [
      BUILT_IN_POLICY,
      ...this.list()
        .policies.filter((p) => p.kind === kind)
        .map((p) => p.name),
    ];
  }

  /**
   * Validates and writes a policy. `previousName` renames: the old file goes once the
   * new one is written. A new name that another policy of the kind has is refused.
   */
  async save(input: unknown, previousName?: string): Promise<PolicyDocument> {
    const root = this.requireRoot();
    const parsed = validatePolicy(input);
    if (!parsed.ok) throw new StudioError('VALIDATION', parsed.message);
    const policy = parsed.policy;
    const listing = this.list();
    const renaming = previousName !== undefined && previousName !== policy.name;
    const exists = (name: string) =>
      listing.policies.some((p) => p.kind === policy.kind && p.name === name);
    if ((previousName === undefined || renaming) && exists(policy.name))
      throw new StudioError(
        'CONFLICT',
        `name: a ${policy.kind} policy named ${policy.name} already exists`,
      );
    if (renaming) {
      if (!exists(previousName))
        throw new StudioError('NOT_FOUND', `name: no ${policy.kind} policy named ${previousName}`);
      this.refuseInUse(policy.kind, previousName, 'rename');
    }
    try {
      await mkdir(join(root, POLICIES_DIR), { recursive: true });
      if (listing.usingDefaults) {
        // The defaults stop applying once a file exists: write them out so none vanish.
        for (const d of defaultPolicyDocuments()) {
          if (d.kind === policy.kind && (d.name === policy.name || d.name === previousName))
            continue;
          await writeFileAtomic(this.fileOf(root, d.kind, d.name), serializePolicy(d));
        }
      }
      await writeFileAtomic(this.fileOf(root, policy.kind, policy.name), serializePolicy(policy));
      if (renaming) await rm(this.fileOf(root, policy.kind, previousName), { force: true });
    } finally {
      // Callers check names right after a save, before the watcher reports the write.
      this.invalidate();
    }
    return policy;
  }

  /** Deletes a policy file; refused while an application or subscription uses the policy. */
  async delete(kind: PolicyKind, name: string): Promise<void> {
    const root = this.requireRoot();
    const listing = this.list();
    if (!listing.policies.some((p) => p.kind === kind && p.name === name))
      throw new StudioError('NOT_FOUND', `name: no ${kind} policy named ${name}`);
    this.refuseInUse(kind, name, 'delete');
    try {
      if (listing.usingDefaults) {
        await mkdir(join(root, POLICIES_DIR), { recursive: true });
        for (const d of defaultPolicyDocuments()) {
          if (d.kind === kind && d.name === name) continue;
          await writeFileAtomic(this.fileOf(root, d.kind, d.name), serializePolicy(d));
        }
        return;
      }
      await rm(this.fileOf(root, kind, name), { force: true });
    } finally {
      this.invalidate();
    }
  }

  private invalidate(): void {
    this.cache = null;
  }

  /** The cached read of the open workspace; a read when it changed or another one opened. */
  private current(): CachedRead {
    const root = this.options.root();
    if (this.cache && this.cache.root === root) return this.cache;
    const read = cachedRead(root, this.read(root));
    if (this.caching) this.cache = read;
    return read;
  }

  private read(root: string | null): PolicyListing {
    const defaults = { policies: defaultPolicyDocuments(), problems: [], usingDefaults: true };
    if (!root) return defaults;
    const read = readPolicyFiles(root, this.options.reader);
    if (read.files === 0) return defaults;
    return { policies: read.policies, problems: read.problems, usingDefaults: false };
  }

  private refuseInUse(kind: PolicyKind, name: string, action: 'delete' | 'rename'): void {
    const users = this.options.usedBy?.(kind, name) ?? [];
    if (users.length === 0) return;
    throw new StudioError(
      'CONFLICT',
      `name: cannot ${action} ${kind} policy ${name}: used by ${users.join(', ')}; move them to another policy first`,
    );
  }

  private requireRoot(): string {
    const root = this.options.root();
    if (!root)
      throw new StudioError('NO_WORKSPACE', 'No workspace is open; open or create one first');
    return root;
  }

  private fileOf(root: string, kind: PolicyKind, name: string): string {
    return join(root, POLICIES_DIR, policyFileName(kind, name));
  }
}
