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
    if (!isRecord(item)) {
      return failAt(
        doc,
        ['paths', path],
        `paths."${path}": expected a mapping of methods to operations`,
      );
    }
    for (const method of methods) {
      const op = item[method];
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
