/**
 * Recognises OpenAI's usage-only chunk (`"choices": []` beside a `usage` object) while
 * its bytes arrive, from the top-level keys of the event's JSON alone: as soon as
 * `choices` opens with an item, or `usage` is null, or the data is not a JSON object,
 * the event is content and may flow. Only a chunk whose `choices` is empty stays
 * undecided until `usage` (or the event's end) settles it; Azure's first chunk
 * (`choices: []`, no usage) is such a case and goes out whole at its end.
 * A whole event with no empty array anywhere (`[` then `]`) cannot be the usage chunk
 * and is let through without being read byte by byte (`mayBeUsage`).
 */
import type { UsageChunkDetector } from './types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

export class OpenAiUsageChunkDetector implements UsageChunkDetector {
  verdict: 'unknown' | 'content' | 'usage' = 'unknown';
  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private stringIsKey = false;
  private key = '';
  private lastKey: string | null = null;
  private expectKey = false;
  /** The top-level key whose value's first byte is awaited. */
  private awaiting: string | null = null;
  /** After `"choices": [`: is the first item there? */
  private awaitingFirstItem = false;
  private choicesEmpty = false;
  private usageObject = false;

  feed(byte: number): void {
    if (this.verdict !== 'unknown') return;
    if (!this.started) {
      if (isSpace(byte)) return;
      this.started = true;
      // `[DONE]` and anything that is not a JSON object is content.
      if (byte !== 0x7b) return this.decide('content');
      this.depth = 1;
      this.expectKey = true;
      return;
    }
    if (this.inString) return this.inStringByte(byte);
    if (isSpace(byte)) return;
    if (this.awaitingFirstItem) {
      this.awaitingFirstItem = false;
      if (byte !== 0x5d) return this.decide('content');
      this.choicesEmpty = true;
    }
    if (this.awaiting !== null) {
      const key = this.awaiting;
      this.awaiting = null;
      if (key === 'usage') {
        if (byte !== 0x7b) return this.decide('content');
        this.usageObject = true;
        if (this.choicesEmpty) return this.decide('usage');
      } else if (key === 'choices') {
        if (byte !== 0x5b) return this.decide('content');
        this.awaitingFirstItem = true;
      }
    }
    this.structural(byte);
    if (this.choicesEmpty && this.usageObject) this.decide('usage');
  }

  /** The usage chunk has `"choices": []`: a line with no empty array cannot be it. */
  mayBeUsage(line: Uint8Array): boolean {
    for (let k = line.indexOf(0x5d); k !== -1; k = line.indexOf(0x5d, k + 1)) {
      let p = k - 1;
      while (p >= 0 && isSpace(line[p] ?? 0)) p--;
      if (line[p] === 0x5b) return true;
    }
    return false;
  }

  feedRun(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    while (i < end && this.verdict === 'unknown') {
      if (this.inString && !this.stringIsKey && !this.escaped) {
        // Inside a string value only its end (or an escape) matters: a tight loop over
        // the ids, models and fingerprints that make up most of a chunk's opening.
        let byte = bytes[i];
        while (byte !== QUOTE && byte !== BACKSLASH && ++i < end) byte = bytes[i];
        if (i === end) break;
      }
      this.feed(bytes[i] ?? 0);
      i++;
    }
    return i;
  }

  private structural(byte: number): void {
    switch (byte) {
      case QUOTE:
        this.inString = true;
        this.stringIsKey = this.depth === 1 && this.expectKey;
        this.key = '';
        return;
      case 0x7b: // {
      case 0x5b: // [
        this.depth++;
        return;
      case 0x7d: // }
      case 0x5d: // ]
        this.depth--;
        return;
      case 0x3a: // :
        if (this.depth === 1 && this.lastKey !== null) {
          this.awaiting = this.lastKey;
          this.lastKey = null;
          this.expectKey = false;
        }
        return;
      case 0x2c: // ,
        if (this.depth === 1) this.expectKey = true;
        return;
    }
  }

  private inStringByte(byte: number): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (byte === BACKSLASH) {
      this.escaped = true;
    } else if (byte === QUOTE) {
      this.inString = false;
      if (this.stringIsKey) this.lastKey = this.key;
      return;
    }
    // Only the two keys that matter are compared; longer names need not be kept.
    if (this.stringIsKey && this.key.length < 8) this.key += String.fromCharCode(byte);
  }

  private decide(verdict: 'content' | 'usage'): void {
    this.verdict = verdict;
  }
}
