/**
 * A fixed-capacity buffer of sequenced items: pushing past capacity drops the
 * oldest. Readers page with `since` (the last sequence number they saw), so a slow
 * poller learns from the first returned `seq` that it missed entries.
 */

/** An item with the sequence number the buffer gave it (1, 2, 3 ...). */
export type Sequenced<T> = T & { seq: number };

export class RingBuffer<T extends object> {
  private readonly items: (Sequenced<T> | undefined)[];
  private next = 1;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a whole number of at least 1, got ${capacity}`);
    this.items = new Array<Sequenced<T> | undefined>(capacity);
  }

  /** Sequence number of the newest item; 0 when nothing was pushed yet. */
  get lastSeq(): number {
    return this.next - 1;
  }

  /** How many items the buffer holds now. */
  get size(): number {
    return Math.min(this.lastSeq, this.capacity);
  }

  push(item: T): Sequenced<T> {
    const entry = { ...item, seq: this.next } as Sequenced<T>;
    this.items[(this.next - 1) % this.capacity] = entry;
    this.next += 1;
    return entry;
  }

  /** Items with `seq > since`, oldest first, at most `limit` of them. */
  since(since = 0, limit = this.capacity): Sequenced<T>[] {
    const oldest = Math.max(1, this.next - this.capacity);
    const from = Math.max(oldest, Math.floor(since) + 1);
    const to = Math.min(this.next, from + Math.max(0, limit));
    const out: Sequenced<T>[] = [];
    for (let seq = from; seq < to; seq++) {
      const item = this.items[(seq - 1) % this.capacity];
      if (item) out.push(item);
    }
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
  }
}
