/**
 * The request context: one small object carried through the stages. Stages fill it
 * in (route, then credential, then plan) and the respond stage turns it into the
 * analytics event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AiUsage, SequenceTraceStep } from '../analytics/event.js';
import type { ErrorCode } from '../errors.js';
import type { KeyType } from '../model/bundle.js';
import type { CompiledApi, CompiledOperation } from './route.js';

/** Who made the request, as the authenticate stage established it. */
export type Credential =
  | { kind: 'anonymous' }
  | { kind: 'apiKey'; applicationId: string; keyType: KeyType }
  | {
      kind: 'jwt';
      applicationId: string;
      keyType: KeyType;
      keyManager: string;
      subject: string | null;
      claims: Record<string, unknown>;
    }
  | { kind: 'certificate'; alias: string; keyType: KeyType; plan: string | null };

/** Strips the IPv4-mapped prefix so `::ffff:10.0.0.1` matches IPv4 rules. */
export function normalizeIp(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export interface ContextInit {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  receivedAt: number;
  startedAt: number;
  protocol: 'http' | 'https';
}

/**
 * The request context; a class rather than a literal spread from `init`, so every
 * context has the same shape in the same order, which keeps property access
 * monomorphic on the hot path.
 */
export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Epoch ms (from the injected clock) when the request arrived. */
  readonly receivedAt: number;
  /** `performance.now()` when the request arrived; latency is measured from it. */
  readonly startedAt: number;
  /** Scheme of the listener that took the request. */
  readonly protocol: 'http' | 'https';
  /** Client address, IPv4-mapped IPv6 unwrapped. */
  readonly clientIp: string;
  /** Raw path (no query), as the client sent it. */
  readonly path: string;
  /** Query string including its `?`, or empty. */
  readonly query: string;

  api: CompiledApi | null = null;
  operation: CompiledOperation | null = null;
  pathParams: Record<string, string> = {};
  /** The path after `/{context}/{version}` (or `/{context}` for the default version). */
  rest = '/';
  credential: Credential | null = null;
  applicationId: string | null = null;
  keyType: KeyType | null = null;
  /** The plan this request counts against (subscription plan or certificate plan). */
  plan: string | null = null;
  /** User for the denylist: the JWT subject. */
  subject: string | null = null;

  backendLatencyMs: number | null = null;
  errorCode: ErrorCode | null = null;
  throttledBy: string | null = null;
  ai: AiUsage | undefined = undefined;
  /** The steps of the sequences this request ran (absent when it ran none). */
  trace?: SequenceTraceStep[];
  /** Set when the client went away before the response was complete. */
  clientAborted = false;

  constructor(init: ContextInit) {
    this.req = init.req;
    this.res = init.res;
    this.requestId = init.requestId;
    this.receivedAt = init.receivedAt;
    this.startedAt = init.startedAt;
    this.protocol = init.protocol;
    this.clientIp = normalizeIp(init.req.socket.remoteAddress);
    const url = init.req.url ?? '/';
    const q = url.indexOf('?');
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? '' : url.slice(q);
  }
}

export function createContext(init: ContextInit): RequestContext {
  return new RequestContext(init);
}
