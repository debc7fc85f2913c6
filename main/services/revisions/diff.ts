/**
 * The difference between two revisions of an API: the definition text as lines
 * (kept, added, removed) and the settings (everything of the bundle's API but its
 * definition) as changed JSON paths.
 */
import type { ApiSpec, GatewayBundle } from '../../../gateway-runtime/src/index.js';

/** One line of a line diff. */
export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
}

/** One changed setting; `before`/`after` are absent where the path did not exist. */
export interface SettingChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface RevisionDiff {
  from: string;
  to: string;
  definition: DiffLine[];
  settings: SettingChange[];
}

// Past this many cells the LCS table costs too much memory; the middle is shown replaced.
const MAX_CELLS = 4_000_000;

export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const head = a.slice(0, start).map((text): DiffLine => ({ op: 'same', text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ op: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  return [...head, ...middle(midA, midB), ...tail];
}

function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [
      ...a.map((text): DiffLine => ({ op: 'remove', text })),
      ...b.map((text): DiffLine => ({ op: 'add', text })),
    ];
  }
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if (
      j < b.length &&
      (i >= a.length || (lcs[i * width + j + 1] ?? 0) >= (lcs[(i + 1) * width + j] ?? 0))
    ) {
      out.push({ op: 'add', text: b[j] ?? '' });
      j += 1;
    } else {
      out.push({ op: 'remove', text: a[i] ?? '' });
      i += 1;
    }
  }
  return out;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.set(path, {});
    for (const [key, v] of entries) flatten(v, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value);
  }
}

export function diffSettings(before: unknown, after: unknown): SettingChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: SettingChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (JSON.stringify(x) === JSON.stringify(y) && a.has(path) === b.has(path)) continue;
    changes.push({ path, ...(a.has(path) && { before: x }), ...(b.has(path) && { after: y }) });
  }
  return changes;
}

function apiOf(bundle: GatewayBundle): ApiSpec | undefined {
  return bundle.apis[0];
}

function lines(text: string | undefined): string[] {
  return text === undefined || text === '' ? [] : text.replace(/\r\n/g, '\n').split('\n');
}

/** Settings are the API minus its definition, plus the bundle's other sections. */
function settingsOf(bundle: GatewayBundle): unknown {
  const api = apiOf(bundle);
  const { definition: _definition, ...rest } = api ?? { definition: undefined };
  const { apis: _apis, revision: _revision, ...others } = bundle;
  return { api: rest, ...others };
}

export function diffRevisions(
  from: { id: string; bundle: GatewayBundle },
  to: { id: string; bundle: GatewayBundle },
): RevisionDiff {
  return {
    from: from.id,
    to: to.id,
    definition: diffLines(
      lines(apiOf(from.bundle)?.definition?.content),
      lines(apiOf(to.bundle)?.definition?.content),
    ),
    settings: diffSettings(settingsOf(from.bundle), settingsOf(to.bundle)),
  };
}
