/**
 * WSDL 1.1: each `portType` operation becomes a `POST /<operation>` operation; the
 * name comes from `definitions/@name` (else the first service), the endpoint from
 * the first port's `soap:address` (or `soap12:address`, `http:address`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Operation } from '../../ipc/contract.js';
import {
  absoluteServerUrl,
  definitionFailure,
  isRecord,
  text,
  type DefinitionResult,
} from './types.js';

const repeated = new Set(['portType', 'operation', 'service', 'port']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Names and addresses need no entity expansion; leaving it off closes that door.
  processEntities: false,
  isArray: (name) => repeated.has(name),
});

/** True when the text looks like XML: detection sends it here rather than to YAML. */
export function looksLikeXml(content: string): boolean {
  return /^\s*(<\?xml|<!--|<[A-Za-z_])/.test(content.replace(/^\uFEFF/, ''));
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function documentation(value: unknown): string | null {
  if (isRecord(value)) return text(value['#text']);
  return text(value);
}

export function readWsdl(content: string): DefinitionResult {
  const valid = XMLValidator.validate(content);
  if (valid !== true) return definitionFailure(valid.err.msg, valid.err.line, valid.err.col);
  let parsed: unknown;
  try {
    parsed = parser.parse(content);
  } catch (error) {
    return definitionFailure(error instanceof Error ? error.message : String(error));
  }
  if (!isRecord(parsed))
    return definitionFailure('expected a WSDL 1.1 <definitions> document', 1, 1);
  if ('description' in parsed && !('definitions' in parsed)) {
    return definitionFailure(
      'WSDL 2.0 (<description>) is not supported; expected a WSDL 1.1 <definitions> document',
      1,
      1,
    );
  }
  const root = parsed.definitions;
  if (!isRecord(root))
    return definitionFailure('expected a WSDL 1.1 <definitions> root element', 1, 1);

  const operations: Operation[] = [];
  const seen = new Set<string>();
  for (const portType of list(root.portType)) {
    for (const op of list(portType.operation)) {
      const name = text(op['@_name']);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const operation: Operation = { method: 'POST', target: `/${name}` };
      const summary = documentation(op.documentation);
      if (summary) operation.summary = summary;
      operations.push(operation);
    }
  }

  const services = list(root.service);
  let endpoint: string | null = null;
  for (const port of services.flatMap((service) => list(service.port))) {
    const address = isRecord(port.address) ? text(port.address['@_location']) : null;
    endpoint = address ? absoluteServerUrl(address, undefined) : null;
    if (endpoint) break;
  }
  const title = text(root['@_name']) ?? (services[0] ? text(services[0]['@_name']) : null);
  return { ok: true, info: { format: 'wsdl', title, version: null, endpoint, operations } };
}
