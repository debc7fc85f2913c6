/**
 * Removes from an SSE stream the usage-only chunk that the vendor sends because the
 * gateway (not the client) asked for `stream_options.include_usage`, and nothing else.
 *
 * Bytes go out as they arrive. Only the opening of an event is held, and only while
 * its data could still be that chunk: the detector reads the top-level JSON keys as
 * the bytes pass and releases the event the moment `choices` shows an item (every
 * content chunk), `usage` is null, or the data is not a JSON object (`[DONE]`). For
 * a content chunk that is the few hundred bytes up to `"choices":[{`, normally inside
 * the same read, so the client sees no added delay; and since an SSE client acts on
 * an event only at its closing blank line, which is never held, holding its opening
 * cannot make the client act later. Comments between events, blank lines and events
 * of a stream that needs no filtering are never held. The usage chunk itself
 * (`choices: []` beside a `usage` object) is dropped with its blank line.
 */
import type { UsageChunkDetector } from './types.js';

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const DATA = [0x64, 0x61, 0x74, 0x61]; // "data"

/** What happens to one byte: out to the client now, held with its undecided event, or dropped. */
type Dest = 'out' | 'held' | 'drop';
/** The current event: undecided (held), content (forwarded) or the usage chunk (dropped). */
type Fate = 'hold' | 'forward' | 'drop';

const destOf = (fate: Fate | null): Dest =>
  fate === 'hold' ? 'held' : fate === 'drop' ? 'drop' : 'out';

export class InjectedUsageFilter {
  private fate: Fate | null = null;
  private held: Buffer[] = [];
  private detector: UsageChunkDetector | null = null;
  /** Set by a byte that decided its event: what to do with the held bytes. */
  private after: 'none' | 'release' | 'discard' = 'none';
  private atLineStart = true;
  private afterCR = false;
  /** Where the LF of a CRLF goes: with the line end before it. */
  private crDest: Dest = 'out';
  private lineKind: 'name' | 'data' | 'other' | 'comment' = 'name';
  private nameIndex = 0;
  private nameIsData = true;
  private skipSpace = false;
  private dataLines = 0;
  /** Events dropped so far (the usage chunk: one per stream). */
  dropped = 0;

  constructor(private readonly createDetector: () => UsageChunkDetector) {}

  /** The parts of `chunk` the client gets now, in order (views of `chunk` and earlier held copies). */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let runStart = 0;
    let runDest: Dest = 'out';
    const close = (end: number) => {
      if (end > runStart) {
        const slice = chunk.subarray(runStart, end);
        if (runDest === 'out') out.push(slice);
        // A copy: the held bytes outlive this chunk.
        else if (runDest === 'held') this.held.push(Buffer.from(slice));
      }
      runStart = end;
    };
    const settle = (end: number) => {
      if (this.after === 'none') return;
      close(end);
      if (this.after === 'release') out.push(...this.held);
      this.held = [];
      this.after = 'none';
    };
    // Line ends ahead in this chunk, found by native search as needed (-2: not yet searched).
    let nextLf = -2;
    let nextCr = -2;
    const lineEndFrom = (from: number) => {
      if (nextLf !== -1 && nextLf < from) nextLf = chunk.indexOf(LF, from);
      if (nextCr !== -1 && nextCr < from) nextCr = chunk.indexOf(CR, from);
      return Math.min(nextLf === -1 ? chunk.length : nextLf, nextCr === -1 ? chunk.length : nextCr);
    };
    let i = 0;
    while (i < chunk.length) {
      const whole = this.clearEventEnd(chunk, i, lineEndFrom(i));
      if (whole !== -1) {
        // A whole event that cannot be the usage chunk: out as it is, no byte held.
        if (runDest !== 'out') {
          close(i);
          runDest = 'out';
        }
        i = whole;
        continue;
      }
      const inert = this.restOfLineIsInert();
      const run = inert ? null : this.bulkDetector();
      if (inert || run) {
        // Up to the line's end (or the detector's verdict) no byte needs a step of its
        // own: they are taken in one go instead of a call per byte.
        const dest = destOf(this.fate);
        if (dest !== runDest) {
          close(i);
          runDest = dest;
        }
        const lineEnd = lineEndFrom(i);
        if (run) {
          i = run.feedRun(chunk, i, lineEnd);
          this.afterFeed();
          settle(i);
        } else {
          i = lineEnd;
        }
        if (i === chunk.length) break;
        // Decided before the line's end: the rest of the line is inert now.
        if (run && i < lineEnd && this.fate !== 'hold') continue;
      }
      const dest = this.step(chunk[i] ?? 0);
      if (dest !== runDest) {
        close(i);
        runDest = dest;
      }
      i++;
      settle(i);
    }
    close(chunk.length);
    return out;
  }

  /** At the end of the upstream body: an event cut short goes out as the vendor sent it. */
  end(): Buffer[] {
    const rest = this.held;
    this.held = [];
    this.fate = null;
    return rest;
  }

  /**
   * Where the event opening at `start` ends (after its blank line) when the whole of it
   * is in this chunk, on one line, and the detector rules out the usage chunk from its
   * bytes; else -1. Most content chunks take this path: no hold, no byte-by-byte work.
   */
  private clearEventEnd(chunk: Buffer, start: number, lineEnd: number): number {
    if (!this.atLineStart || this.afterCR || this.fate !== null) return -1;
    const first = chunk[start];
    if (first === LF || first === CR || first === COLON) return -1;
    // One line, ended by LF and then a blank line (LF): CR line ends take the slow path.
    if (chunk[lineEnd] !== LF || chunk[lineEnd + 1] !== LF) return -1;
    const detector = this.createDetector();
    if (!detector.mayBeUsage || detector.mayBeUsage(chunk.subarray(start, lineEnd))) return -1;
    return lineEnd + 2;
  }

  /**
   * True inside a line whose remaining bytes matter only for where they go: a comment,
   * a field other than `data`, or any line of an event already decided.
   */
  private restOfLineIsInert(): boolean {
    return (
      !this.atLineStart &&
      !this.afterCR &&
      (this.fate !== 'hold' || this.lineKind === 'comment' || this.lineKind === 'other')
    );
  }

  /** Advances the state by one byte and says where that byte goes. */
  private step(byte: number): Dest {
    if (this.afterCR) {
      this.afterCR = false;
      if (byte === LF) return this.crDest;
    }
    if (byte === LF || byte === CR) return this.lineEnd(byte);
    if (this.atLineStart) {
      this.atLineStart = false;
      this.nameIndex = 0;
      this.nameIsData = true;
      this.skipSpace = false;
      if (byte === COLON) {
        // A comment: between events it belongs to none and goes straight out.
        this.lineKind = 'comment';
        return destOf(this.fate);
      }
      if (this.fate === null) {
        this.fate = 'hold';
        this.detector = this.createDetector();
        this.dataLines = 0;
      }
      this.lineKind = 'name';
    }
    const dest = destOf(this.fate);
    if (this.lineKind === 'name') {
      if (byte === COLON) {
        this.lineKind = this.nameIsData && this.nameIndex === DATA.length ? 'data' : 'other';
        if (this.lineKind === 'data') {
          this.skipSpace = true;
          // Data lines join with LF, as a client joins them.
          if (this.dataLines++ > 0) this.feed(LF);
        }
      } else {
        this.nameIsData &&= DATA[this.nameIndex] === byte;
        this.nameIndex++;
      }
    } else if (this.lineKind === 'data') {
      if (this.skipSpace && byte === SPACE) this.skipSpace = false;
      else {
        this.skipSpace = false;
        this.feed(byte);
      }
    }
    return dest;
  }

  private lineEnd(byte: number): Dest {
    const dest = destOf(this.fate);
    if (byte === CR) this.afterCR = true;
    this.crDest = dest;
    if (this.atLineStart && this.fate !== null) {
      // A blank line closes the event: an undecided one is decided now.
      const outcome: Fate =
        this.fate === 'hold'
          ? this.detector?.verdict === 'usage'
            ? 'drop'
            : 'forward'
          : this.fate;
      if (this.fate === 'hold') this.after = outcome === 'forward' ? 'release' : 'discard';
      if (outcome === 'drop') this.dropped++;
      this.crDest = destOf(outcome);
      this.fate = null;
      this.detector = null;
    }
    this.atLineStart = true;
    return dest;
  }

  /** The detector, when the next bytes are data it can take in a run. */
  private bulkDetector(): Required<Pick<UsageChunkDetector, 'feedRun'>> | null {
    const detector = this.detector;
    if (
      this.fate !== 'hold' ||
      this.lineKind !== 'data' ||
      this.atLineStart ||
      this.afterCR ||
      this.skipSpace ||
      !detector?.feedRun
    )
      return null;
    return detector as Required<Pick<UsageChunkDetector, 'feedRun'>>;
  }

  private feed(byte: number): void {
    if (this.fate !== 'hold' || !this.detector) return;
    this.detector.feed(byte);
    this.afterFeed();
  }

  /** Acts on the detector's verdict, once it has one. */
  private afterFeed(): void {
    if (this.fate !== 'hold' || !this.detector) return;
    if (this.detector.verdict === 'content') {
      this.fate = 'forward';
      this.after = 'release';
    } else if (this.detector.verdict === 'usage') {
      this.fate = 'drop';
      this.after = 'discard';
    }
  }
}
