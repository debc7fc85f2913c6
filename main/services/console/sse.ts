/**
 * An incremental parser for `text/event-stream` (the WHATWG rules): feed it text as
 * it arrives, it calls back once per complete event. Comments (`:`) are skipped;
 * `retry` is ignored, since the console never reconnects.
 */
import type { SseEvent } from '../../ipc/contract-console.js';

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event: string | null = null;
  private id: string | null = null;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(text: string): void {
    this.buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) return;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  /** The stream ended: an event without its blank line is dropped, as browsers do. */
  end(): void {
    this.buffer = '';
    this.data = [];
    this.event = null;
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0)
        this.onEvent({ event: this.event, id: this.id, data: this.data.join('\n') });
      this.data = [];
      this.event = null;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/** Parses a whole stream at once (history, tests). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  parser.push(text);
  parser.end();
  return events;
}
