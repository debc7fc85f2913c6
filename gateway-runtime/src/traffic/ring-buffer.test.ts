import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('numbers items from 1 and pages them oldest first with since and limit', () => {
    const buffer = new RingBuffer<{ v: string }>(10);
    for (const v of ['a', 'b', 'c', 'd']) buffer.push({ v });
    expect(buffer.since().map((e) => [e.seq, e.v])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(buffer.since(2).map((e) => e.v)).toEqual(['c', 'd']);
    expect(buffer.since(0, 2).map((e) => e.v)).toEqual(['a', 'b']);
    expect(buffer.since(4)).toEqual([]);
    expect(buffer.lastSeq).toBe(4);
  });

  it('drops the oldest items past its capacity and keeps numbering', () => {
    const buffer = new RingBuffer<{ v: number }>(3);
    for (let v = 1; v <= 7; v++) buffer.push({ v });
    expect(buffer.size).toBe(3);
    expect(buffer.since().map((e) => e.seq)).toEqual([5, 6, 7]);
    // A reader that last saw 2 missed 3 and 4: the first seq it gets tells it so.
    expect(buffer.since(2).map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(buffer.since(5, 1).map((e) => e.v)).toEqual([6]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be a whole number of at least 1/);
  });
});
