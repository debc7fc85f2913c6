/**
 * Calls to one `portico-gateway` node's admin API (DESIGN.md section 9), over http
 * or https with the node's own TLS settings: a CA for the server, and a client
 * certificate for an admin endpoint that requires mTLS (the gateway behind a
 * TLS-terminating proxy). node:https rather than fetch, because fetch has no
 * per-request client certificate without an extra dependency.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';

/** A node resolved for calling: secrets read, files loaded. */
export interface AdminTarget {
  name: string;
  adminUrl: string;
  token: string | null;
  tls?: { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
}

export type AdminResponse = { status: number; body: unknown };

/** An admin call that got no HTTP answer (refused, TLS handshake failed, timed out). */
export class AdminUnreachableError extends Error {
  constructor(node: string, cause: unknown) {
    super(`${node}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'AdminUnreachableError';
  }
}

const TIMEOUT_MS = 30_000;

export class AdminClient {
  private readonly agent: Agent | undefined;

  constructor(readonly target: AdminTarget) {
    const tls = target.tls;
    this.agent = target.adminUrl.startsWith('https:')
      ? new Agent({
          keepAlive: false,
          ...(tls?.ca !== undefined && { ca: tls.ca }),
          ...(tls?.cert !== undefined && { cert: tls.cert }),
          ...(tls?.key !== undefined && { key: tls.key }),
          rejectUnauthorized: tls?.rejectUnauthorized ?? true,
        })
      : undefined;
  }

  /** Any answer resolves (check `status`); no answer rejects with `AdminUnreachableError`. */
  call(method: string, path: string, body?: unknown): Promise<AdminResponse> {
    const url = new URL(path, this.target.adminUrl.replace(/\/+$/, '') + '/');
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.token !== null) headers.authorization = `Bearer ${this.target.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        { method, headers, timeout: TIMEOUT_MS, ...(this.agent && { agent: this.agent }) },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new AdminUnreachableError(this.target.name, e)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? null : JSON.parse(text);
            } catch {
              // Not JSON (a proxy's error page): keep the text for the message.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (e) => reject(new AdminUnreachableError(this.target.name, e)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent?.destroy();
  }
}

/** The gateway's error body as one line: `description`, else `message`, else the status. */
export function describeRefusal(response: AdminResponse): string {
  const raw = response.body;
  if (typeof raw === 'string' && raw !== '') return `HTTP ${response.status}: ${raw.slice(0, 200)}`;
  const body = raw as { message?: unknown; description?: unknown } | null;
  const text = [body?.message, body?.description].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return `HTTP ${response.status}${text.length > 0 ? `: ${text.join(' — ')}` : ''}`;
}
