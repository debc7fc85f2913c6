/**
 * The renderer's only door to the studio's services.
 *
 * In Electron the sandboxed preload exposes `window.portico`; in a browser served
 * by the web host there is no preload, so the same contract is carried over HTTP
 * (`POST /ipc/<channel>`) and Server-Sent Events (`GET /events`) with the per-run
 * token from the page URL. Both arrive here as one typed API:
 *
 * ```ts
 * const ws = await ipc.workspace.open({ path });   // rejects with IpcClientError
 * const off = subscribe('gateway.status', (s) => setStatus(s));
 * ```
 */
import { channelNames, splitChannel } from '../../../main/ipc/contract.js';
import type {
  CallArgs,
  ChannelName,
  Domain,
  DomainName,
  EventName,
  EventPayload,
  IpcError,
  IpcResult,
  Method,
  PorticoBridge,
  Response as ResponseOf,
} from '../../../main/ipc/contract.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    portico?: PorticoBridge;
  }
}

/** A failed call: `code` is from the studio's error catalogue (or `DISCONNECTED`, `HTTP_<status>`). */
export class IpcClientError extends Error {
  readonly code: string;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcClientError';
    this.code = error.code;
  }
}

/** `ipc.<domain>.<method>(request)`: resolves with the response, rejects with `IpcClientError`. */
export type IpcApi = {
  [D in DomainName]: {
    [C in ChannelName as Domain<C> extends D ? Method<C> : never]: (
      ...args: CallArgs<C>
    ) => Promise<ResponseOf<C>>;
  };
};

type Listener = (payload: unknown) => void;

interface Transport {
  readonly kind: 'electron' | 'web';
  call(channel: ChannelName, request: unknown): Promise<IpcResult<unknown>>;
  on(event: EventName, listener: Listener): () => void;
}

type LooseMethod = (request: unknown) => Promise<IpcResult<unknown>>;

function electronTransport(bridge: PorticoBridge): Transport {
  // The bridge is typed per channel; here channels are looked up by name at runtime.
  const byDomain = bridge as unknown as Record<
    string,
    Record<string, LooseMethod | undefined> | undefined
  >;
  return {
    kind: 'electron',
    call(channel, request) {
      const [domain, method] = splitChannel(channel);
      const fn = byDomain[domain]?.[method];
      if (!fn) {
        return Promise.resolve(
          failure('UNKNOWN_CHANNEL', `The preload does not expose ${channel}`),
        );
      }
      return fn(request);
    },
    on(event, listener) {
      return bridge.on(event, listener as (payload: EventPayload<typeof event>) => void);
    },
  };
}

const TOKEN_KEY = 'portico.token';

/**
 * Reads the per-run token from `?token=` once, keeps it for this tab in
 * sessionStorage (so a reload still works) and takes it out of the address bar
 * so it is not left in history, bookmarks or screenshots.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(
      window.history.state,
      '',
      `${url.pathname}${url.search}${url.hash}`,
    );
    return fromUrl;
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

function failure(code: string, message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function webTransport(token: string | null): Transport {
  const headers = (extra: Record<string, string>): Record<string, string> =>
    token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  const events = new EventStream(() => headers({ Accept: 'text/event-stream' }));
  return {
    kind: 'web',
    async call(channel, request) {
      if (channel === 'app.openExternal') return openInBrowser(request);
      let res: globalThis.Response;
      try {
        res = await fetch(`/ipc/${channel}`, {
          method: 'POST',
          headers: headers({ 'Content-Type': 'application/json' }),
          body: JSON.stringify(request ?? {}),
          cache: 'no-store',
        });
      } catch (error) {
        return failure('DISCONNECTED', `The studio host is not reachable: ${describe(error)}`);
      }
      const body: unknown = await res.json().catch(() => null);
      if (isIpcResult(body)) return body;
      return failure(
        `HTTP_${res.status}`,
        `The studio host answered ${res.status} ${res.statusText}`,
      );
    },
    on: (event, listener) => events.on(event, listener),
  };
}

/**
 * The web host cannot open the user's browser for them; the page can. Only
 * http(s), in a new tab without an opener, as the Electron side allows.
 */
function openInBrowser(request: unknown): Promise<IpcResult<unknown>> {
  const url =
    typeof request === 'object' &&
    request !== null &&
    'url' in request &&
    typeof request.url === 'string'
      ? request.url
      : '';
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Falls through to the refusal below.
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return Promise.resolve(
      failure('VALIDATION', 'url: only http and https links open in the browser'),
    );
  }
  window.open(url, '_blank', 'noopener,noreferrer');
  return Promise.resolve({ ok: true, value: null });
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * One `/events` stream shared by every subscriber, read with fetch streaming
 * (EventSource cannot send the Authorization header). It opens with the first
 * subscriber, closes with the last, and reconnects with exponential backoff.
 */
class EventStream {
  private readonly listeners = new Map<string, Set<Listener>>();
  private abort: AbortController | null = null;

  constructor(private readonly headers: () => Record<string, string>) {}

  on(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    if (!this.abort) {
      this.abort = new AbortController();
      void this.run(this.abort.signal);
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(event);
      if (this.listeners.size === 0 && this.abort) {
        this.abort.abort();
        this.abort = null;
      }
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    let delay = FIRST_RETRY_MS;
    while (!signal.aborted) {
      try {
        const res = await fetch('/events', { headers: this.headers(), signal, cache: 'no-store' });
        if (res.ok && res.body) {
          delay = FIRST_RETRY_MS;
          await this.read(res.body, signal);
        }
      } catch {
        // A dropped connection or a host restart: fall through to the backoff.
      }
      if (signal.aborted) return;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), {
      once: true,
    });
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  private dispatch(frame: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    const set = this.listeners.get(name);
    if (!set || data.length === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    for (const listener of [...set]) listener(payload);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

let transport: Transport | null = null;

function current(): Transport {
  transport ??= window.portico ? electronTransport(window.portico) : webTransport(takeToken());
  return transport;
}

// Take the token out of the address bar before any router sees the URL.
if (typeof window !== 'undefined') current();

/** Which host serves this renderer: the Electron preload, or the web host over HTTP. */
export function hostKind(): 'electron' | 'web' {
  return current().kind;
}

/** Calls one channel by name; `ipc.<domain>.<method>` is the usual way in. */
export async function call<C extends ChannelName>(
  channel: C,
  ...args: CallArgs<C>
): Promise<ResponseOf<C>> {
  const result = await current().call(channel, args[0] ?? {});
  if (!result.ok) throw new IpcClientError(result.error);
  // The host parsed the response with the channel's schema before sending it.
  return result.value as ResponseOf<C>;
}

function buildApi(): IpcApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channelNames) {
    const [domain, method] = splitChannel(channel);
    const methods = (api[domain] ??= {});
    methods[method] = async (request?: unknown) => {
      const result = await current().call(channel, request ?? {});
      if (!result.ok) throw new IpcClientError(result.error);
      return result.value;
    };
  }
  // Built from the same `channelNames` the type is derived from.
  return api as unknown as IpcApi;
}

/** Every channel of the contract as `ipc.<domain>.<method>(request)`. */
export const ipc: IpcApi = buildApi();

/** Listens to a push event from main; returns the unsubscribe function. */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return current().on(event, listener as Listener);
}
