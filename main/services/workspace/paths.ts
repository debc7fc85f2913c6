/**
 * The workspace folder layout (apictl's project layout plus Portico's own resource
 * folders) and the rules for the names that become folder and file names.
 */
import { join, relative, sep } from 'node:path';
import type { ResourceKind } from '../../ipc/contract.js';

/** Marks a folder as a Portico workspace; holds its display name. */
export const MARKER_FILE = 'portico.yaml';
export const APIS_DIR = 'apis';
export const API_YAML = 'api.yaml';

/** One folder per resource kind, one YAML file per resource. Applications live in SQLite. */
export const resourceFolders = [
  { kind: 'sequence', dir: 'sequences' },
  { kind: 'policy', dir: 'policies' },
  { kind: 'keyManager', dir: 'key-managers' },
  { kind: 'aiVendor', dir: 'ai-vendors' },
  { kind: 'environment', dir: 'environments' },
] as const satisfies readonly { kind: ResourceKind; dir: string }[];

/** Folders a new workspace starts with (each with a `.gitkeep`, as git keeps no empty folder). */
export const workspaceFolders = [APIS_DIR, ...resourceFolders.map((f) => f.dir)];

/** Entries that do not stop a folder from counting as empty when a workspace is created in it. */
export const ignorableEntries = new Set(['.git', '.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Path segments the watcher and the scanner never look into. */
export const ignoredSegments = new Set(['.git', 'node_modules']);

/** Characters WSO2 API Manager refuses in an API name (plus `?`, which Windows refuses in file names). */
const forbiddenNameChars = /[~!@#;:%^*()+={}|\\<>"',&$[\]/?\p{Cc}]/gu;

export const nameRule =
  'must be non-empty and hold none of ~ ! @ # ; : % ^ * ( ) + = { } | \\ < > " \' , & $ [ ] / ? (e.g. PetStore)';

/** Versions become one URL path segment: `/{context}/{version}/...`. */
export const versionPattern = /^[A-Za-z0-9._~-]+$/;
export const versionRule =
  'must be one path segment of letters, digits, ".", "_", "~" or "-" (e.g. 1.0.0)';

/** The gateway's rule for a context: `/` then path segments, no trailing `/`, no spaces. */
export const contextPattern = /^(\/[A-Za-z0-9._~-]+)+$/;
export const contextRule =
  'must be "/" followed by path segments of letters, digits, ".", "_", "~" or "-", with no spaces and no trailing "/" (e.g. /petstore)';

/** True when the name is usable as an API name as given. */
export function isValidApiName(name: string): boolean {
  return (
    name.trim() === name &&
    name !== '' &&
    !name.startsWith('.') &&
    name.match(forbiddenNameChars) === null
  );
}

/** An API name made from a title: forbidden characters dropped, spaces collapsed. */
export function sanitizeApiName(title: string): string {
  return title
    .replace(forbiddenNameChars, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
}

/** A version made from a document's version: anything outside the rule becomes `-`. */
export function sanitizeVersion(version: string): string {
  return version
    .trim()
    .replace(/[^A-Za-z0-9._~-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `Swagger Petstore` -> `swagger-petstore`; `PetStore` -> `petstore`; `Café` -> `cafe`. */
export function kebab(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The API id and folder name: `<Name>-<version>`. */
export function apiId(name: string, version: string): string {
  return `${name}-${version}`;
}

/** True for a string that names one folder inside `apis/` (no separators, no `..`, not hidden). */
export function isSafeFolderName(name: string): boolean {
  return (
    name !== '' &&
    name.trim() === name &&
    !name.startsWith('.') &&
    !/[/\\:*?"<>|\p{Cc}]/u.test(name) &&
    !/\.$/.test(name)
  );
}

export function apiFolderPath(root: string, id: string): string {
  return join(root, APIS_DIR, id);
}

/** Workspace-relative path with `/` separators, as the contract shows paths. */
export function toWorkspacePath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
