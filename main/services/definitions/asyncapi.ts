/**
 * AsyncAPI 2.x and 3.x: title, version, the first web server and the operations.
 * Verbs follow apictl (PUBLISH / SUBSCRIBE) from the API consumer's side: in 2.x a
 * channel's `subscribe` is SUBSCRIBE and `publish` is PUBLISH; in 3.x the
 * application's `send` is what consumers SUBSCRIBE to and its `receive` what they
 * PUBLISH. The target is the channel address with a leading `/`.
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

const endpointSchemes = ['http', 'https', 'ws', 'wss'];

export function isAsyncApiDocument(value: unknown): boolean {
  return isRecord(value) && 'asyncapi' in value;
}

function failAt(doc: StructuredDocument, path: string[], message: string): DefinitionResult {
  const at = doc.locate(path);
  return definitionFailure(message, at?.line, at?.column);
}

function channelTarget(address: string): string {
  return address.startsWith('/') ? address : `/${address}`;
}

function firstServer(
  servers: unknown,
  urlOf: (server: Record<string, unknown>) => string | null,
): string | null {
  if (!isRecord(servers)) return null;
  for (const server of Object.values(servers)) {
    if (!isRecord(server)) continue;
    const url = urlOf(server);
    const absolute = url ? absoluteServerUrl(url, server.variables, endpointSchemes) : null;
    if (absolute) return absolute;
  }
  return null;
}

function withSummary(operation: Operation, source: unknown): Operation {
  const summary = isRecord(source) ? text(source.summary) : null;
  return summary ? { ...operation, summary } : operation;
}

function readV2(doc: StructuredDocument, root: Record<string, unknown>): DefinitionResult {
  const channels = root.channels ?? {};
  if (!isRecord(channels))
    return failAt(doc, ['channels'], 'channels: expected a mapping of channel names to channels');
  const operations: Operation[] = [];
  for (const [name, channel] of Object.entries(channels)) {
    if (channel === null) continue;
    if (!isRecord(channel))
      return failAt(doc, ['channels', name], `channels."${name}": expected a mapping`);
    const target = channelTarget(name);
    if (channel.subscribe !== undefined)
      operations.push(withSummary({ method: 'SUBSCRIBE', target }, channel.subscribe));
    if (channel.publish !== undefined)
      operations.push(withSummary({ method: 'PUBLISH', target }, channel.publish));
  }
  const endpoint = firstServer(root.servers, (server) => {
    const url = text(server.url);
    if (!url) return null;
    const protocol = text(server.protocol);
    return url.includes('://') || !protocol ? url : `${protocol}://${url}`;
  });
  return result(root, endpoint, operations);
}

/** `#/channels/user~1signedup` -> `user/signedup`. */
function channelIdFromRef(ref: string): string | null {
  const match = /^#\/channels\/(.+)$/.exec(ref);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return null;
  }
}

function readV3(doc: StructuredDocument, root: Record<string, unknown>): DefinitionResult {
  const channels = root.channels ?? {};
  const ops = root.operations ?? {};
  if (!isRecord(channels))
    return failAt(doc, ['channels'], 'channels: expected a mapping of channel ids to channels');
  if (!isRecord(ops))
    return failAt(
      doc,
      ['operations'],
      'operations: expected a mapping of operation ids to operations',
    );
  const operations: Operation[] = [];
  for (const [id, op] of Object.entries(ops)) {
    if (!isRecord(op))
      return failAt(doc, ['operations', id], `operations.${id}: expected a mapping`);
    const action = text(op.action);
    if (action !== 'send' && action !== 'receive') {
      return failAt(
        doc,
        ['operations', id, 'action'],
        `operations.${id}.action: expected "send" or "receive"`,
      );
    }
    const ref = isRecord(op.channel) ? text(op.channel.$ref) : null;
    const channelId = ref ? channelIdFromRef(ref) : null;
    const channel = channelId === null ? undefined : channels[channelId];
    if (channelId === null || !isRecord(channel)) {
      return failAt(
        doc,
        ['operations', id, 'channel'],
        `operations.${id}.channel: expected { $ref: '#/channels/<id>' } naming one of the channels`,
      );
    }
    const address = text(channel.address) ?? channelId;
    operations.push(
      withSummary(
        { method: action === 'send' ? 'SUBSCRIBE' : 'PUBLISH', target: channelTarget(address) },
        op,
      ),
    );
  }
  const endpoint = firstServer(root.servers, (server) => {
    const host = text(server.host);
    const protocol = text(server.protocol);
    return host && protocol ? `${protocol}://${host}${text(server.pathname) ?? ''}` : null;
  });
  return result(root, endpoint, operations);
}

function result(
  root: Record<string, unknown>,
  endpoint: string | null,
  operations: Operation[],
): DefinitionResult {
  const info = isRecord(root.info) ? root.info : {};
  return {
    ok: true,
    info: {
      format: 'asyncapi',
      title: text(info.title),
      version: text(info.version),
      endpoint,
      operations,
    },
  };
}

export function readAsyncApi(doc: StructuredDocument): DefinitionResult {
  const root = doc.value;
  if (!isRecord(root))
    return definitionFailure('expected a mapping with an `asyncapi: 2.x | 3.x` field', 1, 1);
  const version = text(root.asyncapi);
  if (version === null)
    return definitionFailure('expected a top-level `asyncapi: 2.x | 3.x` field', 1, 1);
  if (root.info !== undefined && !isRecord(root.info)) {
    return failAt(doc, ['info'], 'info: expected a mapping with title and version');
  }
  if (/^2\.\d+(\.\d+)?$/.test(version)) return readV2(doc, root);
  if (/^3\.\d+(\.\d+)?$/.test(version)) return readV3(doc, root);
  return failAt(doc, ['asyncapi'], `asyncapi: expected a 2.x or 3.x version, got "${version}"`);
}
