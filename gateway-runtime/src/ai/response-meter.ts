/**
 * Reads token usage from an AI response while it passes to the client. A stream
 * (`text/event-stream`) is parsed event by event from a copy of each chunk, after
 * the chunk was written; only the usage chunk the gateway asked for is cut out of
 * what the client gets (InjectedUsageFilter). A JSON body is forwarded as it comes
 * and a copy parsed at its end. Anything else (audio, a compressed body) passes
 * unread and its usage is estimated.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SseParser } from './sse.js';
import { InjectedUsageFilter } from './usage-filter.js';
import type { UsageTracker } from './usage.js';
import type { VendorHandler } from './types.js';

export type MeterMode = 'sse' | 'json' | 'opaque';

/** Largest JSON body copied for reading usage (bytes); a larger one is estimated. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export function meterMode(headers: IncomingHttpHeaders): MeterMode {
  const encoding = String(headers['content-encoding'] ?? 'identity').toLowerCase();
  // The gateway asks for identity; a vendor that compresses anyway is forwarded unread.
  if (encoding !== 'identity') return 'opaque';
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/event-stream')) return 'sse';
  if (/^application\/([\w.-]+\+)?json\b/.test(type)) return 'json';
  return 'opaque';
}

export class ResponseMeter {
  private readonly parser: SseParser | null;
  private readonly filter: InjectedUsageFilter | null;
  private json: Buffer[] | null;
  private jsonBytes = 0;

  constructor(
    private readonly tracker: UsageTracker,
    readonly mode: MeterMode,
    /** True when the gateway asked for stream usage the client did not. */
    stripUsageChunk: boolean,
    handler: VendorHandler,
  ) {
    this.parser = mode === 'sse' ? new SseParser() : null;
    const detector = handler.usageChunkDetector;
    this.filter =
      mode === 'sse' && stripUsageChunk && detector ? new InjectedUsageFilter(detector) : null;
    this.json = mode === 'json' ? [] : null;
  }

  /** True when the client gets other bytes than the vendor sent (Content-Length must go). */
  get altersBody(): boolean {
    return this.filter !== null;
  }

  /** What the client gets of this chunk. */
  forward(chunk: Buffer): Buffer[] {
    return this.filter ? this.filter.push(chunk) : [chunk];
  }

  /** Reads the chunk for usage (call after writing what `forward` gave). */
  account(chunk: Buffer): void {
    if (this.parser) {
      for (const event of this.parser.feed(chunk)) this.tracker.readEvent(event);
    } else if (this.json) {
      this.jsonBytes += chunk.length;
      if (this.jsonBytes > MAX_JSON_BYTES) this.json = null;
      else this.json.push(chunk);
    }
  }

  /** At the end of the vendor's body: what is left for the client. */
  end(): Buffer[] {
    if (this.json) {
      try {
        this.tracker.readJson(JSON.parse(Buffer.concat(this.json).toString('utf8')) as unknown);
      } catch {
        // Not JSON after all: the figures are estimated.
      }
      this.json = null;
    }
    return this.filter ? this.filter.end() : [];
  }
}
