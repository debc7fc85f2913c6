/**
 * The form view's model of an OpenAPI definition and its edits, applied to the
 * SAME text the code editor holds. YAML goes through the `yaml` package's
 * Document API, so comments, key order and the style of untouched nodes survive;
 * JSON is re-serialised with the indentation it had (JSON has no comments).
 */
import { Document, isScalar, isSeq, parseDocument } from 'yaml';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A parameter as the form shows it. */
export interface FormParameter {
  name: string;
  in: string;
  required: boolean;
  type: string;
  /** True for a `$ref` parameter, shown but not editable in the form. */
  ref: boolean;
}

/** An operation as the form shows it. */
export interface FormOperation {
  path: string;
  method: string;
  summary: string;
  description: string;
  operationId: string;
  parameters: FormParameter[];
}

/** A component schema property as the form shows it. */
export interface FormProperty {
  name: string;
  type: string;
  description: string;
}

export interface FormSchema {
  name: string;
  properties: FormProperty[];
}

export interface FormModel {
  operations: FormOperation[];
  schemas: FormSchema[];
}

/** One change the form can make. An empty string value removes the field. */
export type FormEdit =
  | {
      kind: 'operation-field';
      path: string;
      method: string;
      field: 'summary' | 'description' | 'operationId';
      value: string;
    }
  | {
      kind: 'add-parameter';
      path: string;
      method: string;
      parameter: { name: string; in: string; required: boolean; type: string };
    }
  | { kind: 'remove-parameter'; path: string; method: string; index: number }
  | {
      kind: 'schema-property';
      schema: string;
      property: string;
      field: 'type' | 'description';
      value: string;
    };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function isSwagger2(root: Json): boolean {
  return typeof root.swagger === 'string';
}

function schemasPath(root: Json): string[] {
  return isSwagger2(root) ? ['definitions'] : ['components', 'schemas'];
}

/** Reads the form's model from definition data (from `JSON.parse` or YAML). */
export function readForm(data: unknown): FormModel {
  const root = obj(data);
  const operations: FormOperation[] = [];
  for (const [path, item] of Object.entries(obj(root.paths))) {
    for (const method of methods) {
      const op = obj(obj(item)[method]);
      if (!(method in obj(item))) continue;
      const parameters = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => {
        const param = obj(p);
        return {
          name: str(param.name) || str(param.$ref).split('/').pop() || '',
          in: str(param.in),
          required: param.required === true,
          type: str(obj(param.schema).type) || str(param.type),
          ref: typeof param.$ref === 'string',
        };
      });
      operations.push({
        path,
        method,
        summary: str(op.summary),
        description: str(op.description),
        operationId: str(op.operationId),
        parameters,
      });
    }
  }
  const schemas = Object.entries(
    obj(schemasPath(root).reduce<unknown>((n, k) => obj(n)[k], root)),
  ).map(([name, schema]) => ({
    name,
    properties: Object.entries(obj(obj(schema).properties)).map(([prop, value]) => ({
      name: prop,
      type: str(obj(value).type),
      description: str(obj(value).description),
    })),
  }));
  return { operations, schemas };
}

/** Parses definition text for the form (null when it does not parse). */
export function parseForForm(text: string, language: 'json' | 'yaml'): FormModel | null {
  try {
    if (language === 'json') return readForm(JSON.parse(text));
    const doc = parseDocument(text);
    return doc.errors.length > 0 ? null : readForm(doc.toJS());
  } catch {
    return null;
  }
}

/** Path segments and value changes an edit makes, independent of the text format. */
interface Change {
  set?: { path: (string | number)[]; value: unknown };
  delete?: (string | number)[];
  append?: { path: (string | number)[]; value: unknown };
}

function changeFor(edit: FormEdit, root: Json): Change {
  const swagger2 = isSwagger2(root);
  switch (edit.kind) {
    case 'operation-field': {
      const path = ['paths', edit.path, edit.method, edit.field];
      return edit.value === '' ? { delete: path } : { set: { path, value: edit.value } };
    }
    case 'add-parameter': {
      const { name, required, type } = edit.parameter;
      const value: Json = { name, in: edit.parameter.in };
      // Path parameters are always required (OpenAPI says so).
      if (required || edit.parameter.in === 'path') value.required = true;
      if (swagger2) value.type = type;
      else value.schema = { type };
      return { append: { path: ['paths', edit.path, edit.method, 'parameters'], value } };
    }
    case 'remove-parameter':
      return { delete: ['paths', edit.path, edit.method, 'parameters', edit.index] };
    case 'schema-property': {
      const path = [...schemasPath(root), edit.schema, 'properties', edit.property, edit.field];
      return edit.value === '' ? { delete: path } : { set: { path, value: edit.value } };
    }
  }
}

function applyJson(text: string, edit: FormEdit): string {
  const root = JSON.parse(text) as Json;
  const change = changeFor(edit, root);
  const parentOf = (path: (string | number)[], create: boolean): Json | unknown[] => {
    let node: unknown = root;
    for (const key of path.slice(0, -1)) {
      const container = node as Json;
      if (container[key as string] === undefined && create) container[key as string] = {};
      node = container[key as string];
      if (typeof node !== 'object' || node === null)
        throw new Error(`No ${path.join('.')} in the definition`);
    }
    return node as Json;
  };
  if (change.set) {
    const parent = parentOf(change.set.path, true) as Json;
    parent[change.set.path.at(-1) as string] = change.set.value;
  }
  if (change.delete) {
    const parent = parentOf(change.delete, false);
    const last = change.delete.at(-1) as string | number;
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last as string];
  }
  if (change.append) {
    const parent = parentOf(change.append.path, true) as Json;
    const key = change.append.path.at(-1) as string;
    const list = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [];
    list.push(change.append.value);
    parent[key] = list;
  }
  const indent = /^[ \t]+/m.exec(text.split('\n')[1] ?? '')?.[0] ?? '';
  const body = JSON.stringify(root, null, indent.startsWith('\t') ? '\t' : indent.length || 0);
  return text.endsWith('\n') ? `${body}\n` : body;
}

function applyYaml(text: string, edit: FormEdit): string {
  const doc: Document = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`The YAML does not parse: ${doc.errors[0]?.message}`);
  const change = changeFor(edit, obj(doc.toJS()));
  // Replacing one existing one-line scalar: splice its text, so nothing else moves.
  if (change.set && typeof change.set.value === 'string' && !change.set.value.includes('\n')) {
    const node = doc.getIn(change.set.path, true);
    if (
      isScalar(node) &&
      node.range &&
      typeof node.value === 'string' &&
      !node.value.includes('\n')
    ) {
      const [start, end] = node.range;
      const scalar = new Document(change.set.value).toString().trimEnd();
      if (!scalar.includes('\n')) return text.slice(0, start) + scalar + text.slice(end);
    }
  }
  if (change.set) doc.setIn(change.set.path, change.set.value);
  if (change.delete) doc.deleteIn(change.delete);
  if (change.append) {
    const existing = doc.getIn(change.append.path, true);
    if (isSeq(existing)) existing.add(doc.createNode(change.append.value));
    else doc.setIn(change.append.path, doc.createNode([change.append.value]));
  }
  // An emptied parameters list would be noise: drop it.
  if (change.delete) {
    const parentPath = change.delete.slice(0, -1);
    const parent = doc.getIn(parentPath, true);
    if (isSeq(parent) && parent.items.length === 0 && parentPath.at(-1) === 'parameters') {
      doc.deleteIn(parentPath);
    }
  }
  // Keep the document's style of flow collections: `{a: 1}` or `{ a: 1 }`.
  const padded = /[{[] +[^\s\]}]/.test(text) || !/[{[][^\s\]}]/.test(text);
  return doc.toString({ flowCollectionPadding: padded });
}

/** Applies `edit` to definition `text`, keeping its format. Throws when the target is missing. */
export function applyFormEdit(text: string, language: 'json' | 'yaml', edit: FormEdit): string {
  return language === 'json' ? applyJson(text, edit) : applyYaml(text, edit);
}
