/**
 * The outline of a definition: a small tree of its landmarks, each with the line
 * it starts on, for the outline panel's click-to-jump. Computed in the lint
 * worker from the same parse as the lint.
 */
import { Kind, type DocumentNode } from 'graphql';
import type { ParsedDefinition } from './spectral-lint.js';

/** One entry of the outline. */
export interface OutlineNode {
  label: string;
  /** What it is, for an icon or a test: `tag`, `path`, `operation`, `schema`, `channel`, `type`, `field`, `service`, `port-type`. */
  kind: string;
  /** One-based line where it starts. */
  line: number;
  children?: OutlineNode[];
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** OpenAPI: tags -> operations, paths -> operations, component schemas. */
export function openApiOutline(doc: ParsedDefinition): OutlineNode[] {
  const root = obj(doc.data);
  const at = (path: (string | number)[]) => doc.lineOf(path) + 1;
  const byTag = new Map<string, OutlineNode[]>();
  for (const t of Array.isArray(root.tags) ? root.tags : []) {
    const name = obj(t).name;
    if (typeof name === 'string') byTag.set(name, []);
  }
  const paths: OutlineNode[] = [];
  for (const [path, item] of Object.entries(obj(root.paths))) {
    const ops: OutlineNode[] = [];
    for (const [method, op] of Object.entries(obj(item))) {
      if (!methods.includes(method)) continue;
      const node = {
        label: `${method.toUpperCase()} ${path}`,
        kind: 'operation',
        line: at(['paths', path, method]),
      };
      ops.push(node);
      const tags = obj(op).tags;
      for (const tag of Array.isArray(tags) ? tags : []) {
        if (typeof tag !== 'string') continue;
        const list = byTag.get(tag) ?? [];
        list.push(node);
        byTag.set(tag, list);
      }
    }
    paths.push({ label: path, kind: 'path', line: at(['paths', path]), children: ops });
  }
  const schemasAt = root.swagger ? ['definitions'] : ['components', 'schemas'];
  const schemas = Object.keys(obj(schemasAt.reduce<unknown>((n, k) => obj(n)[k], root))).map(
    (name) => ({ label: name, kind: 'schema', line: at([...schemasAt, name]) }),
  );
  const out: OutlineNode[] = [];
  if (byTag.size > 0) {
    out.push({
      label: 'Tags',
      kind: 'group',
      line: at(['tags']),
      children: [...byTag].map(([tag, ops]) => ({
        label: tag,
        kind: 'tag',
        line: ops[0]?.line ?? at(['tags']),
        children: ops,
      })),
    });
  }
  out.push({ label: 'Paths', kind: 'group', line: at(['paths']), children: paths });
  if (schemas.length > 0)
    out.push({ label: 'Schemas', kind: 'group', line: at(schemasAt), children: schemas });
  return out;
}

/** AsyncAPI 2 and 3: channels (with their operations or messages), operations, schemas. */
export function asyncApiOutline(doc: ParsedDefinition): OutlineNode[] {
  const root = obj(doc.data);
  const at = (path: (string | number)[]) => doc.lineOf(path) + 1;
  const channels = Object.entries(obj(root.channels)).map(([name, channel]) => {
    const children: OutlineNode[] = [];
    for (const op of ['publish', 'subscribe']) {
      if (op in obj(channel))
        children.push({ label: op, kind: 'operation', line: at(['channels', name, op]) });
    }
    for (const message of Object.keys(obj(obj(channel).messages))) {
      children.push({
        label: message,
        kind: 'message',
        line: at(['channels', name, 'messages', message]),
      });
    }
    return { label: name, kind: 'channel', line: at(['channels', name]), children };
  });
  const out: OutlineNode[] = [
    { label: 'Channels', kind: 'group', line: at(['channels']), children: channels },
  ];
  const operations = Object.keys(obj(root.operations)).map((name) => ({
    label: name,
    kind: 'operation',
    line: at(['operations', name]),
  }));
  if (operations.length > 0)
    out.push({
      label: 'Operations',
      kind: 'group',
      line: at(['operations']),
      children: operations,
    });
  const schemas = Object.keys(obj(obj(root.components).schemas)).map((name) => ({
    label: name,
    kind: 'schema',
    line: at(['components', 'schemas', name]),
  }));
  if (schemas.length > 0)
    out.push({
      label: 'Schemas',
      kind: 'group',
      line: at(['components', 'schemas']),
      children: schemas,
    });
  return out;
}

/** GraphQL SDL: types with their fields (or enum values). */
export function graphqlOutline(document: DocumentNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const def of document.definitions) {
    if (!('name' in def) || !def.name || !def.loc) continue;
    const kind = def.kind === Kind.DIRECTIVE_DEFINITION ? 'directive' : 'type';
    const fields =
      'fields' in def && def.fields ? def.fields : 'values' in def && def.values ? def.values : [];
    out.push({
      label: def.name.value,
      kind,
      line: def.loc.startToken.line,
      children: fields.map((f) => ({
        label: f.name.value,
        kind: 'field',
        line: f.loc?.startToken.line ?? def.loc?.startToken.line ?? 1,
      })),
    });
  }
  return out;
}

/** WSDL: services (with ports) and port types (with operations), found line by line. */
export function wsdlOutline(text: string): OutlineNode[] {
  const services: OutlineNode[] = [];
  const portTypes: OutlineNode[] = [];
  let current: OutlineNode | null = null;
  const lines = text.split('\n');
  const tag =
    /<(?:[\w-]+:)?(service|port|portType|interface|operation|binding)\b[^>]*?\bname\s*=\s*["']([^"']+)["']/g;
  lines.forEach((lineText, i) => {
    for (const m of lineText.matchAll(tag)) {
      const [, element, name] = m as unknown as [string, string, string];
      const node: OutlineNode = { label: name, kind: element, line: i + 1, children: [] };
      if (element === 'service') {
        services.push(node);
        current = node;
      } else if (element === 'portType' || element === 'interface') {
        portTypes.push({ ...node, kind: 'port-type' });
        current = portTypes[portTypes.length - 1] ?? null;
      } else if (element === 'binding') {
        current = null;
      } else if (
        current &&
        ((element === 'port' && current.kind === 'service') ||
          (element === 'operation' && current.kind === 'port-type'))
      ) {
        current.children?.push({ label: name, kind: element, line: i + 1 });
      }
    }
  });
  const out: OutlineNode[] = [];
  if (services.length > 0)
    out.push({
      label: 'Services',
      kind: 'group',
      line: services[0]?.line ?? 1,
      children: services,
    });
  if (portTypes.length > 0)
    out.push({
      label: 'Port types',
      kind: 'group',
      line: portTypes[0]?.line ?? 1,
      children: portTypes,
    });
  return out;
}
