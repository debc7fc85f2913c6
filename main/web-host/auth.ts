/**
 * Who may talk to the web host. It listens on loopback only, so the threats are
 * other local processes and web pages in the user's browser: every call needs the
 * per-run bearer token (compared in constant time), a browser page from another
 * origin is refused by its Origin header, the Host header must name the loopback
 * address (a DNS-rebinding page carries its own host name), and calls must be
 * `application/json`, which no form or simple cross-site request can send.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh 256-bit token for one run of the web host. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when the request carries `Authorization: Bearer <token>`. */
export function hasValidToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const given = createHash('sha256').update(match[1]).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

/** The `Host` values the server answers to: its own loopback address and port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hasAllowedHost(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/** An absent Origin (same-origin GET, curl) passes; a present one must be this host's own. */
export function hasAllowedOrigin(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  for (const host of hosts) if (origin === `http://${host}`) return true;
  return false;
}

export function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (typeof type !== 'string') return false;
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
