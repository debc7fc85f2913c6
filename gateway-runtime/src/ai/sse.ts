/**
 * An incremental Server-Sent Events parser (WHATWG HTML, "event stream
 * interpretation") over raw bytes: events split anywhere across chunks, LF, CRLF or
 * lone CR line ends (a CR at the end of one chunk and the LF opening the next are
 * one line end), comments, `event:`/`id:` fields, multi-line data, a leading BOM.
 * Lines are decoded as UTF-8 only once whole, so a character split across chunks is
 * never mangled. It parses a copy for accounting: it never holds bytes back from the
 * client. (eventsource-parser takes decoded strings and reports no byte positions,
 * which the usage filter beside this needs; both are small enough to own.)
 */

/** One dispatched event. */
export interface SseEvent {
  /** The `event:` field; empty when absent (clients treat that as `message`). */
  event: string;
  /** The `data:` lines joined with LF. */
  data: string;
  id: string | null;
}

const LF = 0x0a;
const CR = 0x0d;

export interface SseParserOptions {
  /** Longest line kept for parsing (bytes); a longer line is skipped for accounting. Default 16 MiB. */
  maxLineBytes?: number;
}

export class SseParser {
  /** Copies of the pieces of a line that spans chunks. */
  private parts: Buffer[] = [];
  private lineBytes = 0;
  private overlong = false;
  private afterCR = false;
  private firstLine = true;
  private data: string[] = [];
  private hasData = false;
  private eventName = '';
  private lastId: string | null = null;
  private readonly maxLineBytes: number;

  constructor(options: SseParserOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? 16 * 1024 * 1024;
  }

  /** Parses the next bytes; returns the events they complete. */
  feed(chunk: Uint8Array): SseEvent[] {
    const events: SseEvent[] = [];
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.afterCR && bytes.length > 0) {
      this.afterCR = false;
      if (bytes[0] === LF) start = 1;
    }
    // Line ends are found with native searches, not a JS loop over every byte: a
    // stream is a few long lines per event. A CR is rare; one search per chunk
    // usually shows there is none.
    let lf = bytes.indexOf(LF, start);
    let cr = bytes.indexOf(CR, start);
    while (lf !== -1 || cr !== -1) {
      const atCR = cr !== -1 && (lf === -1 || cr < lf);
      const end = atCR ? cr : lf;
      this.endLine(bytes, start, end, events);
      start = end + 1;
      if (atCR) {
        if (start === bytes.length) this.afterCR = true;
        else if (bytes[start] === LF) start++;
      }
      if (lf !== -1 && lf < start) lf = bytes.indexOf(LF, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(CR, start);
    }
    this.append(bytes, start, bytes.length);
    return events;
  }

  private append(bytes: Buffer, start: number, end: number): void {
    if (end <= start || this.overlong) return;
    this.lineBytes += end - start;
    if (this.lineBytes > this.maxLineBytes) {
      this.overlong = true;
      this.parts = [];
      return;
    }
    // A copy: the caller may reuse its buffer once feed() returns.
    this.parts.push(Buffer.from(bytes.subarray(start, end)));
  }

  /** Ends the line whose last bytes are `bytes[start, end)`. */
  private endLine(bytes: Buffer, start: number, end: number, events: SseEvent[]): void {
    let line = '';
    if (this.parts.length === 0 && !this.overlong) {
      // The usual case, a line within one chunk: decoded in place, without a copy.
      if (end - start > this.maxLineBytes) this.overlong = true;
      else line = bytes.toString('utf8', start, end);
    } else {
      this.append(bytes, start, end);
      if (!this.overlong) line = Buffer.concat(this.parts).toString('utf8');
    }
    const overlong = this.overlong;
    this.parts = [];
    this.lineBytes = 0;
    this.overlong = false;
    if (this.firstLine) {
      this.firstLine = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (overlong) return;
    if (line === '') return this.dispatch(events);
    if (line.charCodeAt(0) === 0x3a) return; // a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastId = value;
        break;
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.hasData)
      events.push({
        event: this.eventName,
        data: this.data.length === 1 ? (this.data[0] ?? '') : this.data.join('\n'),
        id: this.lastId,
      });
    this.data = [];
    this.hasData = false;
    this.eventName = '';
  }
}
