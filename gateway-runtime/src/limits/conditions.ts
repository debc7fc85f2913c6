/**
 * Conditional groups of API and operation policies (DESIGN.md section 9): a group's
 * `match` holds any of `ip`, `ipRange`, `header`, `query` and `claim`; all it holds
 * must match, and `invert: true` matches the requests that do not. Compiled once
 * per deployment into a predicate.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { ConditionGroup } from '../model/bundle.js';
import type { RequestContext } from '../pipeline/context.js';

/** What a matcher may read of a request; the query string is parsed at most once. */
export interface MatchInput {
  ctx: RequestContext;
  query(): URLSearchParams;
}

export type Matcher = (input: MatchInput) => boolean;

type Match = ConditionGroup['match'];

function addressMatcher(entry: { ip?: string; range?: string }): Matcher {
  const list = new BlockList();
  if (entry.ip !== undefined) list.addAddress(entry.ip, isIPv6(entry.ip) ? 'ipv6' : 'ipv4');
  if (entry.range !== undefined) {
    const [network = '', prefix = ''] = entry.range.split('/');
    list.addSubnet(network, Number(prefix), isIPv6(network) ? 'ipv6' : 'ipv4');
  }
  return ({ ctx }) => {
    const ip = ctx.clientIp;
    if (isIPv4(ip)) return list.check(ip, 'ipv4');
    if (isIPv6(ip)) return list.check(ip, 'ipv6');
    return false;
  };
}

/** A claim by its exact name, else by a dotted path into nested objects. */
function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim matches when it equals the value, or (for an array claim) holds it. */
function claimMatches(value: unknown, expected: string): boolean {
  if (Array.isArray(value)) return value.some((item) => claimMatches(item, expected));
  if (typeof value === 'string') return value === expected;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value) === expected;
  return false;
}

/** Compiles one group's `match` into a predicate. */
export function compileMatch(match: Match): Matcher {
  const parts: Matcher[] = [];
  if (match.ip !== undefined) parts.push(addressMatcher({ ip: match.ip }));
  if (match.ipRange !== undefined) parts.push(addressMatcher({ range: match.ipRange }));
  if (match.header) {
    const name = match.header.name.toLowerCase();
    const expected = match.header.value;
    parts.push(({ ctx }) => {
      const value = ctx.req.headers[name];
      return Array.isArray(value) ? value.includes(expected) : value === expected;
    });
  }
  if (match.query) {
    const { name, value } = match.query;
    parts.push(({ query }) => query().getAll(name).includes(value));
  }
  if (match.claim) {
    const { name, value } = match.claim;
    parts.push(
      ({ ctx }) =>
        ctx.credential?.kind === 'jwt' &&
        claimMatches(claimValue(ctx.credential.claims, name), value),
    );
  }
  const invert = match.invert === true;
  return (input) => parts.every((part) => part(input)) !== invert;
}

/** A MatchInput over a request context. */
export function matchInput(ctx: RequestContext): MatchInput {
  let parsed: URLSearchParams | null = null;
  return { ctx, query: () => (parsed ??= new URLSearchParams(ctx.query)) };
}
