import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UsageChunkDetector } from './types.js';
import { InjectedUsageFilter } from './usage-filter.js';
import { OpenAiUsageChunkDetector } from './usage-chunk.js';

const filter = () => new InjectedUsageFilter(() => new OpenAiUsageChunkDetector());

/** Runs `input` through a filter cut at `cuts`; returns what the client gets. */
function run(input: string, cuts: number[] = []): string {
  const bytes = Buffer.from(input, 'utf8');
  const f = filter();
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...f.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...f.end());
  return Buffer.concat(out).toString('utf8');
}

function everyCut(input: string, expected: string): void {
  const length = Buffer.byteLength(input);
  for (let cut = 0; cut <= length; cut++) expect(run(input, [cut]), `cut at ${cut}`).toBe(expected);
  expect(
    run(
      input,
      Array.from({ length }, (_, i) => i + 1),
    ),
    'byte by byte',
  ).toBe(expected);
}

const azureFirst =
  'data: {"choices":[],"created":0,"id":"","model":"","prompt_filter_results":[{"prompt_index":0}]}\n\n';
const content =
  'data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hi [] {\\"usage\\": 1}"}}],"usage":null}\n\n';
const finish =
  'data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}\n\n';
const usage =
  'data: {"id":"c","choices":[],"usage":{"prompt_tokens":15,"completion_tokens":78,"total_tokens":93}}\n\n';
const done = 'data: [DONE]\n\n';

describe('InjectedUsageFilter', () => {
  it('drops only the usage-only chunk, wherever the chunk boundaries fall', () => {
    everyCut(azureFirst + content + finish + usage + done, azureFirst + content + finish + done);
  });

  it('keeps comments, CRLF framing and a usage object listed before choices', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const usageFirst = crlf('data: {"usage":{"total_tokens":3},"choices":[ ]}\n\n');
    everyCut(
      ': hello\n\n' + crlf(content) + ': ping\r\n' + usageFirst + crlf(done),
      ': hello\n\n' + crlf(content) + ': ping\r\n' + crlf(done),
    );
  });

  it('keeps a usage chunk that also carries choices (Mistral), a null usage, and non-JSON data', () => {
    const mistral =
      'data: {"choices":[{"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":19}}\n\n';
    const nullUsage = 'data: {"choices":[],"usage":null}\n\n';
    everyCut(
      mistral + nullUsage + 'data: not json\n\n' + done,
      mistral + nullUsage + 'data: not json\n\n' + done,
    );
  });

  it('releases a content event as soon as its choices show an item, before the event ends', () => {
    const f = filter();
    const opening = 'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{';
    expect(Buffer.concat(f.push(Buffer.from(opening))).toString()).toBe(opening);
    expect(Buffer.concat(f.push(Buffer.from('"delta":{}}]}\n\n'))).toString()).toBe(
      '"delta":{}}]}\n\n',
    );
  });

  it('holds an event whose choices are empty until usage or its end decides it', () => {
    const f = filter();
    expect(f.push(Buffer.from('data: {"choices":[],'))).toEqual([]);
    expect(f.push(Buffer.from('"usage":{"total_tokens":1}}\n\n'))).toEqual([]);
    expect(f.dropped).toBe(1);
    expect(Buffer.concat(f.push(Buffer.from(done))).toString()).toBe(done);
  });

  it('hands over an event cut short by the end of the stream', () => {
    expect(run('data: {"choices":[],"usa')).toBe('data: {"choices":[],"usa');
  });

  it('joins multi-line data as a client would', () => {
    everyCut('data: {"choices":\ndata: [],"usage":{"a":1}}\n\n' + done, done);
  });

  it("gives, with the detector's fast paths, exactly what byte-by-byte detection gives", () => {
    // The same detector without feedRun and mayBeUsage: every byte goes through feed().
    const plain = (): UsageChunkDetector => {
      const inner = new OpenAiUsageChunkDetector();
      return {
        feed: (byte) => inner.feed(byte),
        get verdict() {
          return inner.verdict;
        },
      };
    };
    const fixture = readFileSync(
      new URL('../../../../shared/fixtures/llm/openai/openai-text.chunks.txt', import.meta.url),
      'utf8',
    );
    const events = fixture
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `data: ${l}\n\n`);
    const tricky = [
      azureFirst,
      'data: {"choices":[{"delta":{"content":"x = [ ]"}}],"usage":null}\n\n',
      'data: {"choices":[\ndata: ],"usage":{"total_tokens":2}}\n\n',
      ': ping\n\nevent: x\ndata: {"a":[1]}\n\n',
    ];
    const stream = Buffer.from([...tricky, ...events, done].join(''));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const fast = filter();
      const slow = new InjectedUsageFilter(plain);
      const a: Buffer[] = [];
      const b: Buffer[] = [];
      for (let from = 0; from < stream.length;) {
        const to = Math.min(stream.length, from + 1 + Math.floor(random() * 900));
        a.push(...fast.push(stream.subarray(from, to)));
        b.push(...slow.push(stream.subarray(from, to)));
        from = to;
      }
      expect(Buffer.concat(a).equals(Buffer.concat(b))).toBe(true);
      expect(fast.dropped).toBe(slow.dropped);
      expect(fast.dropped).toBe(2);
    }
  });
});
