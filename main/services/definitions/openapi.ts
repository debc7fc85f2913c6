/**
 * OpenAPI 2.0 (Swagger) and 3.0/3.1: title, version, the production server and the
 * operations (every path × method, with its summary).
 */
import type { Operation } from '../../ipc/contract.js';
import type { StructuredDocument } from './source.js';
import {
  absoluteServerUrl,
  definitionFailure,
  isRecord,
  text,
  type DefinitionResult,
} from './types.js';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** True when the document declares itself OpenAPI or Swagger (whatever the version). */
export function isOpenApiDocument(value: unknown): boolean {
  return isRecord(value) && ('openapi' in value || 'swagger' in value);
}

function failAt(
  doc: StructuredDocument,
  path: (string | number)[],
  message: string,
  options?: { key?: boolean },
): DefinitionResult {
  const at = doc.locate(path, options);
  return definitionFailure(message, at?.line, at?.column);
}

function swaggerEndpoint(root: Record<string, unknown>): string | null {
  const host = text(root.host);
  if (!host) return null;
  const schemes = Array.isArray(root.schemes) ? root.schemes.map(text) : [];
  const scheme = schemes.includes('https')
    ? 'https'
    : (schemes.find((s) => s === 'http') ?? 'https');
  const basePath = text(root.basePath) ?? '';
  return absoluteServerUrl(`${scheme}://${host}${basePath === '/' ? '' : basePath}`, undefined);
}

function serversEndpoint(servers: unknown): string | null {
  if (!Array.isArray(servers)) return null;
  for (const server of servers) {
    if (!isRecord(server)) continue;
    const url = text(server.url);
    const absolute = url ? absoluteServerUrl(url, server.variables) : null;
    if (absolute) return absolute;
  }
  return null;
}

/** The value at a JSON pointer (`#/a/b~1c`) inside `root`, or `undefined`. */
export function valueAtPointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let value = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isRecord(value)) value = value[key];
    else return undefined;
  }
  return value;
}

/**
 * A path item that is `{ $ref: '#/paths/~1pets' }` (what bundling a multi-file
 * definition yields for a file used twice) read as the item it points at.
 */
function followLocalRef(root: Record<string, unknown>, item: unknown): unknown {
  let current = item;
  for (let hops = 0; hops < 8 && isRecord(current) && typeof current.$ref === 'string'; hops += 1) {
    const target = valueAtPointer(root, current.$ref);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

export function readOpenApi(doc: StructuredDocument): DefinitionResult {
  const root = doc.value;
  if (!isRecord(root)) {
    return definitionFailure(
      'expected a mapping with an `openapi: 3.x` or `swagger: "2.0"` field',
      1,
      1,
    );
  }
  const swagger = text(root.swagger);
  const openapi = text(root.openapi);
  if (swagger !== null && swagger !== '2.0') {
    return failAt(doc, ['swagger'], `swagger: expected "2.0", got "${swagger}"`);
  }
  if (swagger === null && (openapi === null || !/^3\.[01](\.\d+)?$/.test(openapi))) {
    if (openapi === null) {
      return definitionFailure(
        'expected a top-level `openapi: 3.0.x | 3.1.x` or `swagger: "2.0"` field',
        1,
        1,
      );
    }
    return failAt(doc, ['openapi'], `openapi: expected 3.0.x or 3.1.x, got "${openapi}"`);
  }
  if (root.info !== undefined && !isRecord(root.info)) {
    return failAt(doc, ['info'], 'info: expected a mapping with title and version');
  }
  const paths = root.paths ?? {};
  if (!isRecord(paths)) {
    return failAt(
      doc,
      ['paths'],
      'paths: expected a mapping of path templates (e.g. /pets) to operations',
    );
  }

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    if (!path.startsWith('/')) {
      return failAt(
        doc,
        ['paths', path],
        `paths: "${path}" must start with "/" (e.g. /pets/{id})`,
        {
          key: true,
        },
      );
    }
    if (item === null) continue;
    const pathItem = followLocalRef(root, item);
    if (!isRecord(pathItem)) {
      return failAt(
        doc,
        ['paths', path],
        `paths."${path}": expected a mapping of methods to operations`,
      );
    }
    for (const method of methods) {
      const op = pathItem[method];
      if (op === undefined) continue;
      if (!isRecord(op)) {
        return failAt(
          doc,
          ['paths', path, method],
          `paths."${path}".${method}: expected an operation mapping`,
        );
      }
      const entry: Operation = { method: method.toUpperCase(), target: path };
      const summary = text(op.summary);
      if (summary) entry.summary = summary;
      operations.push(entry);
    }
  }

  const info = isRecord(root.info) ? root.info : {};
  return {
    ok: true,
    info: {
      format: 'openapi',
      title: text(info.title),
      version: text(info.version),
      endpoint: swagger !== null ? swaggerEndpoint(root) : serversEndpoint(root.servers),
      operations,
    },
  };
}
