import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../../ipc/contract-console.js';
import { parseSse, SseParser } from './sse.js';

describe('SseParser', () => {
  it('parses events split across arbitrary chunks', () => {
    const text =
      'event: delta\r\nid: 1\r\ndata: {"a":1}\r\n\r\n: comment\n\ndata: line1\ndata: line2\n\ndata:[DONE]\n\n';
    const whole = parseSse(text);
    expect(whole).toEqual([
      { event: 'delta', id: '1', data: '{"a":1}' },
      { event: null, id: '1', data: 'line1\nline2' },
      { event: null, id: '1', data: '[DONE]' },
    ]);
    for (let size = 1; size < 8; size += 1) {
      const seen: SseEvent[] = [];
      const parser = new SseParser((e) => seen.push(e));
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(seen).toEqual(whole);
    }
  });

  it('drops an event the stream ended before its blank line, and empty data-less blocks', () => {
    expect(parseSse('event: x\n\ndata: half')).toEqual([]);
  });
});
