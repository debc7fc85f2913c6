/**
 * SSE event data kept for a possible token estimate, in one growing byte buffer
 * rather than as a string per event. Most streams never need the estimate (the
 * vendor reports usage), and hundreds of event strings held for a stream's lifetime
 * outlive the young generation: the garbage collector then copied and promoted them,
 * which cost more than parsing them would have. Bytes off the JS heap cost it nothing.
 */

/** Bytes kept before the caller should read them (and `clear()`): memory stays bounded. */
export const PENDING_BYTES = 1024 * 1024;

export class PendingEvents {
  private bytes: Buffer | null = null;
  private used = 0;
  /** Where each event's data ends in `bytes`. */
  private ends: number[] = [];

  /** Bytes held. */
  get size(): number {
    return this.used;
  }

  add(data: string): void {
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    const room = this.used + data.length * 3;
    if (!this.bytes || room > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(16 * 1024, room * 2));
      this.bytes?.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(data, this.used, 'utf8');
    this.ends.push(this.used);
  }

  /** Each event's data, in order. */
  *events(): Generator<string> {
    let start = 0;
    for (const end of this.ends) {
      yield this.bytes?.toString('utf8', start, end) ?? '';
      start = end;
    }
  }

  clear(): void {
    this.bytes = null;
    this.used = 0;
    this.ends = [];
  }
}
