import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from './sse.js';

/** Feeds `text` cut at every given offset. */
function parse(input: string | Buffer, cuts: number[] = []): SseEvent[] {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.feed(bytes.subarray(from, cut)));
    from = cut;
  }
  return events;
}

const stream =
  'data: {"a":1}\n\n: keep-alive\n\nevent: message_start\r\ndata: {"b":2}\r\n\r\ndata: x\rdata: y\r\rid: 7\ndata: [DONE]\n\n';
const expected: SseEvent[] = [
  { event: '', data: '{"a":1}', id: null },
  { event: 'message_start', data: '{"b":2}', id: null },
  { event: '', data: 'x\ny', id: null },
  { event: '', data: '[DONE]', id: '7' },
];

describe('SseParser', () => {
  it('parses LF, CRLF and CR line ends, comments, event names, ids and multi-line data', () => {
    expect(parse(stream)).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries, including between CR and LF', () => {
    const bytes = Buffer.from(stream);
    for (let cut = 1; cut < bytes.length; cut++) expect(parse(bytes, [cut])).toEqual(expected);
    const oneByOne = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(parse(bytes, oneByOne)).toEqual(expected);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = Buffer.from('data: “—’\n\n', 'utf8');
    for (let cut = 7; cut < 14; cut++)
      expect(parse(bytes, [cut])).toEqual([{ event: '', data: '“—’', id: null }]);
  });

  it('strips a leading BOM, ignores a value-less field and dispatches nothing without data', () => {
    expect(parse('\uFEFFdata\n\nevent: ping\n\nretry: 5\n\n')).toEqual([
      { event: '', data: '', id: null },
    ]);
  });

  it('does not dispatch an event whose blank line never came', () => {
    expect(parse('data: {"a":1}\n')).toEqual([]);
  });

  it('skips, for accounting, a line longer than the cap and keeps going', () => {
    const parser = new SseParser({ maxLineBytes: 8 });
    expect(parser.feed(Buffer.from('data: 123456789\n\ndata: 1\n\n'))).toEqual([
      { event: '', data: '1', id: null },
    ]);
  });

  it('skips an over-long line wherever the chunk boundaries fall', () => {
    const bytes = Buffer.from('data: 1\n\ndata: 123456789\r\n\r\ndata: 2\r\rdata: 3\n\n');
    const expected = [
      { event: '', data: '1', id: null },
      { event: '', data: '2', id: null },
      { event: '', data: '3', id: null },
    ];
    for (let a = 0; a <= bytes.length; a++)
      for (let b = a; b <= bytes.length; b += 3) {
        const parser = new SseParser({ maxLineBytes: 8 });
        const events = [a, b, bytes.length].flatMap((cut, i, cuts) =>
          parser.feed(bytes.subarray(i === 0 ? 0 : cuts[i - 1], cut)),
        );
        expect(events, `cuts ${a} ${b}`).toEqual(expected);
      }
  });
});
