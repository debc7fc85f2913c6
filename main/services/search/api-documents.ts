/**
 * What the search index holds for one API: one `api` row (name, context, version,
 * type, tags), one row per operation (method, target, summary) at the line of the
 * definition where it is declared, and the definition's full text in chunks of a
 * few lines, each knowing its first line, so a hit can name file and line.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { DefinitionFormat } from '../../ipc/contract.js';
import type { ApiRecord } from '../workspace/api-files.js';
import { apiTypeOfData } from '../workspace/api-yaml.js';

/** Lines per definition chunk: small enough to point near the hit, few enough rows for a 13 MB spec. */
export const CHUNK_LINES = 16;
/** A minified document is one long line: cut it so a row stays small (the pieces keep its line number). */
export const CHUNK_CHARS = 4096;

export type RowKind = 'api' | 'operation' | 'text';

/** One row of the FTS index. */
export interface SearchRow {
  kind: RowKind;
  /** Relative to the workspace root. */
  file: string;
  /** 1-based line of the row's first line. */
  line: number;
  method: string | null;
  text: string;
}

/** Everything indexed for an API. */
export interface ApiDocument {
  apiId: string;
  name: string;
  type: string;
  tags: string[];
  methods: string[];
  hash: string;
  rows: SearchRow[];
}

/**
 * SHA-256 of definition texts, keyed by the workspace's parse result: the workspace
 * hands back the same result object only while the text is unchanged, so a sync after
 * an unrelated change does not hash a 13 MB definition again.
 */
const definitionHashes = new WeakMap<object, string>();

function definitionHash(api: ApiRecord): string {
  if (!api.definition) return '';
  const cached = api.parsed ? definitionHashes.get(api.parsed) : undefined;
  if (cached !== undefined) return cached;
  const hash = createHash('sha256').update(api.definition.content).digest('hex');
  if (api.parsed) definitionHashes.set(api.parsed, hash);
  return hash;
}

/** Content hash of what the index derives from: api.yaml's data and the definition. */
export function apiHash(api: ApiRecord): string {
  return createHash('sha256')
    .update(JSON.stringify(api.apiYaml))
    .update('\0')
    .update(api.definition?.file ?? '')
    .update('\0')
    .update(definitionHash(api))
    .digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t) => {
    if (typeof t === 'string') return [t];
    if (isRecord(t) && typeof t.name === 'string') return [t.name];
    return [];
  });
}

/** Tags declared at the top of an OpenAPI/AsyncAPI document and on its operations. */
function definitionTags(api: ApiRecord): string[] {
  const def = api.definition;
  if (!def || (def.format !== 'openapi' && def.format !== 'asyncapi')) return [];
  let doc: unknown;
  try {
    doc = def.language === 'json' ? JSON.parse(def.content) : parseYaml(def.content);
  } catch {
    return [];
  }
  if (!isRecord(doc)) return [];
  const tags = tagNames(doc.tags);
  const groups = def.format === 'openapi' ? doc.paths : doc.channels;
  if (isRecord(groups)) {
    for (const group of Object.values(groups)) {
      if (!isRecord(group)) continue;
      for (const op of Object.values(group)) if (isRecord(op)) tags.push(...tagNames(op.tags));
    }
  }
  if (def.format === 'asyncapi' && isRecord(doc.operations)) {
    for (const op of Object.values(doc.operations))
      if (isRecord(op)) tags.push(...tagNames(op.tags));
  }
  return tags;
}

const keyPattern = /^(\s*)(?:"([^"]+)"|'([^']+)'|([^\s"'#{}[\]<][^:]*?))\s*:(?:\s|$)/;
const graphqlField = /^\s*(\w+)\s*[(:]/;
const xmlOperation = /<(?:\w+:)?operation\b[^>]*\bname="([^"]+)"/;

/** First line (0-based) of every key, GraphQL field and WSDL operation name, with its indent. */
function keyLines(
  lines: readonly string[],
  format: DefinitionFormat | undefined,
): Map<string, { index: number; indent: number }> {
  const keys = new Map<string, { index: number; indent: number }>();
  lines.forEach((line, index) => {
    let found: string | undefined;
    let indent = 0;
    if (format === 'graphql') found = graphqlField.exec(line)?.[1];
    else if (format === 'wsdl') found = xmlOperation.exec(line)?.[1];
    else {
      const key = keyPattern.exec(line);
      found = key ? (key[2] ?? key[3] ?? key[4]) : undefined;
      indent = key?.[1]?.length ?? 0;
    }
    if (found !== undefined && !keys.has(found)) keys.set(found, { index, indent });
  });
  return keys;
}

/** The line of an operation: its method under its path (OpenAPI), else its path, field or name. */
function operationLine(
  lines: readonly string[],
  keys: Map<string, { index: number; indent: number }>,
  method: string,
  target: string,
): number | null {
  const at = keys.get(target) ?? keys.get(target.replace(/^\//, ''));
  if (!at) return null;
  const methodKey = new RegExp(`^\\s*["']?${method.toLowerCase()}["']?\\s*:`);
  for (let i = at.index + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (indent <= at.indent) break;
    if (methodKey.test(line)) return i + 1;
  }
  return at.index + 1;
}

/** The text in rows of up to CHUNK_LINES lines; a line longer than CHUNK_CHARS is cut into pieces. */
function chunks(lines: readonly string[], file: string): SearchRow[] {
  const rows: SearchRow[] = [];
  let text = '';
  let first = 1;
  let count = 0;
  const flush = (): void => {
    if (count > 0) rows.push({ kind: 'text', file, line: first, method: null, text });
    text = '';
    count = 0;
  };
  lines.forEach((content, index) => {
    for (let offset = 0; offset === 0 || offset < content.length; offset += CHUNK_CHARS) {
      const piece = content.slice(offset, offset + CHUNK_CHARS);
      if (count >= CHUNK_LINES || (count > 0 && text.length + piece.length > CHUNK_CHARS)) flush();
      if (count === 0) first = index + 1;
      text += `${piece}\n`;
      count += 1;
    }
  });
  flush();
  return rows;
}

export function apiDocument(api: ApiRecord): ApiDocument {
  const data = api.apiYaml.data;
  const type = apiTypeOfData(data);
  const yamlTags = tagNames((data as Record<string, unknown>).tags);
  const tags = [
    ...new Set([...yamlTags, ...definitionTags(api)].map((t) => t.toLowerCase())),
  ].sort();
  const apiFile = `${api.folder}/api.yaml`;
  const rows: SearchRow[] = [
    {
      kind: 'api',
      file: apiFile,
      line: 1,
      method: null,
      text: [data.name, data.context, data.version, type, ...tags].join(' '),
    },
  ];
  const operations = api.parsed?.ok
    ? api.parsed.info.operations
    : (data.operations ?? []).map((op) => ({
        method: op.verb.toUpperCase(),
        target: op.target,
        summary: undefined,
      }));
  const def = api.definition;
  const defFile = def ? `${api.folder}/${def.file}` : apiFile;
  const lines = def ? def.content.split(/\r?\n/) : [];
  const keys = keyLines(lines, def?.format);
  for (const op of operations) {
    const method = op.method.toUpperCase();
    rows.push({
      kind: 'operation',
      file: defFile,
      line: operationLine(lines, keys, method, op.target) ?? 1,
      method,
      text: [method, op.target, op.summary ?? ''].join(' ').trim(),
    });
  }
  if (def) rows.push(...chunks(lines, defFile));
  return {
    apiId: api.id,
    name: data.name,
    type,
    tags,
    methods: [...new Set(operations.map((op) => op.method.toUpperCase()))].sort(),
    hash: apiHash(api),
    rows,
  };
}
