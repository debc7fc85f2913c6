/**
 * Stage 2, denylist: blocks by API and client IP / IP range before authentication,
 * and by application and user (JWT subject) right after it, since those need the
 * credential. Enabled entries are indexed once per deployment (or denylist change).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { GatewayError } from '../errors.js';
import type { DenylistEntry } from '../model/bundle.js';
import type { RequestContext } from './context.js';

export interface DenylistIndex {
  apis: Set<string>;
  applications: Set<string>;
  users: Set<string>;
  /** Single IPs and ranges; null when there are none. */
  addresses: BlockList | null;
}

export function compileDenylist(entries: DenylistEntry[]): DenylistIndex {
  const index: DenylistIndex = {
    apis: new Set(),
    applications: new Set(),
    users: new Set(),
    addresses: null,
  };
  for (const entry of entries) {
    if (!entry.enabled) continue;
    switch (entry.type) {
      case 'API':
        index.apis.add(entry.value);
        break;
      case 'APPLICATION':
        index.applications.add(entry.value);
        break;
      case 'USER':
        index.users.add(entry.value);
        break;
      case 'IP':
        index.addresses ??= new BlockList();
        index.addresses.addAddress(entry.value, isIPv6(entry.value) ? 'ipv6' : 'ipv4');
        break;
      case 'IP_RANGE': {
        const [network = '', prefix = ''] = entry.value.split('/');
        index.addresses ??= new BlockList();
        index.addresses.addSubnet(network, Number(prefix), isIPv6(network) ? 'ipv6' : 'ipv4');
        break;
      }
    }
  }
  return index;
}

function blockedAddress(list: BlockList, ip: string): boolean {
  if (isIPv4(ip)) return list.check(ip, 'ipv4');
  if (isIPv6(ip)) return list.check(ip, 'ipv6');
  return false;
}

/** Checks that need no credential: the API and the client address. */
export function denyBeforeAuth(ctx: RequestContext, index: DenylistIndex): void {
  // An API entry names the API by id or, as WSO2 does, by `context/version` (`/petstore/1.0.0`).
  const spec = ctx.api?.spec;
  if (
    spec &&
    index.apis.size > 0 &&
    (index.apis.has(spec.id) || index.apis.has(`${spec.context}/${spec.version}`))
  ) {
    throw new GatewayError('DENYLISTED', `API ${spec.id} is blocked`);
  }
  if (index.addresses && blockedAddress(index.addresses, ctx.clientIp)) {
    throw new GatewayError('DENYLISTED', `Requests from ${ctx.clientIp} are blocked`);
  }
}

/** Checks on the authenticated caller: the application and the user. */
export function denyAfterAuth(ctx: RequestContext, index: DenylistIndex): void {
  if (ctx.applicationId !== null && index.applications.has(ctx.applicationId)) {
    throw new GatewayError('DENYLISTED', `Application ${ctx.applicationId} is blocked`);
  }
  if (ctx.subject !== null && index.users.has(ctx.subject)) {
    throw new GatewayError('DENYLISTED', 'The user is blocked');
  }
}
