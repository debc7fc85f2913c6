import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens, loadTokenizer } from './estimate.js';
import { resolveVendor } from './registry.js';
import { UsageTracker } from './usage.js';

const anthropic = resolveVendor('anthropic', []).spec;
const openai = resolveVendor('openai', []).spec;
const event = (data: unknown, name = '') => ({
  event: name,
  data: typeof data === 'string' ? data : JSON.stringify(data),
  id: null,
});

beforeAll(() => loadTokenizer());

describe('UsageTracker', () => {
  it('takes the last reported value of each figure, never a sum (Anthropic start, then cumulative delta)', () => {
    const t = new UsageTracker(anthropic, 'claude', []);
    t.readEvent(
      event({
        type: 'message_start',
        message: { model: 'claude-x', usage: { input_tokens: 43, output_tokens: 1 } },
      }),
    );
    t.readEvent(event({ type: 'ping' }));
    t.readEvent(event({ type: 'message_delta', usage: { input_tokens: 61, output_tokens: 2 } }));
    expect(t.toUsage('complete', 0)).toMatchObject({
      model: 'claude-x',
      promptTokens: 61,
      completionTokens: 2,
      totalTokens: 63,
      estimated: false,
    });
  });

  it('keeps figures when a later event has usage: null, and skips [DONE] and broken JSON', () => {
    const t = new UsageTracker(openai, null, []);
    t.readEvent(
      event({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } }),
    );
    t.readEvent(event({ choices: [{ delta: {} }], usage: null }));
    t.readEvent(event('[DONE]'));
    t.readEvent(event('{"broken'));
    expect(t.finish('complete')).toEqual({
      figures: {
        promptTokens: 5,
        completionTokens: 7,
        totalTokens: 12,
        cachedTokens: null,
        reasoningTokens: null,
      },
      estimated: false,
    });
  });

  it('derives a missing part from a reported total, and reads header locations', () => {
    const spec = {
      ...openai,
      usage: {
        ...openai.usage,
        totalTokens: [{ from: 'header' as const, path: 'x-total-tokens' }],
      },
    };
    const t = new UsageTracker(spec, null, []);
    t.readHeaders({ 'x-total-tokens': '30' });
    t.readJson({ usage: { prompt_tokens: 10 } });
    expect(t.finish('complete')).toMatchObject({
      figures: { promptTokens: 10, completionTokens: 20, totalTokens: 30 },
      estimated: false,
    });
  });

  it('estimates what is missing, and after an early end never goes below what was reported', () => {
    const t = new UsageTracker(openai, 'gpt', ['Hello there']);
    t.readEvent(event({ choices: [{ delta: { content: 'Hello world, how are you?' } }] }));
    expect(t.finish('complete')).toMatchObject({
      figures: { promptTokens: 2, completionTokens: 7, totalTokens: 9 },
      estimated: true,
    });
    const a = new UsageTracker(anthropic, null, []);
    a.readEvent(
      event({ type: 'message_start', message: { usage: { input_tokens: 12, output_tokens: 50 } } }),
    );
    a.readEvent(event({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hi' } }));
    expect(a.finish('incomplete')).toMatchObject({
      figures: { promptTokens: 12, completionTokens: 50, totalTokens: 62 },
      estimated: true,
    });
  });

  it('reads a model that changes mid-stream, and a figure under an escaped key', () => {
    const t = new UsageTracker(openai, 'gpt', []);
    t.readEvent(event({ model: 'a', choices: [{ delta: { content: 'x' } }] }));
    t.readEvent(event({ model: 'a', choices: [{ delta: { content: 'y' } }] }));
    t.readEvent(event({ model: 'b', choices: [{ delta: { content: 'z' } }] }));
    t.readEvent(event({ choices: [], usage: { prompt_tokens: 4 } }));
    // Only the escaped spelling of the key: the event must still be read.
    t.readEvent(event('{"choices":[],"usage":{"total\\u005ftokens":7}}'));
    expect(t.toUsage('complete', 0)).toMatchObject({
      model: 'b',
      promptTokens: 4,
      completionTokens: 3,
      estimated: false,
    });
  });

  it('estimates from the text of every event, past the cap on text kept unread', () => {
    const piece = (i: number) => `Token ${i} “quoted” — text. `;
    const lazy = new UsageTracker(openai, null, []);
    let text = '';
    // About 1.4 MB of event data: read in batches along the way.
    for (let i = 0; i < 12_000; i++) {
      lazy.readEvent(
        event({ id: 'chatcmpl-x', model: 'm', choices: [{ delta: { content: piece(i) } }] }),
      );
      text += piece(i);
    }
    expect(lazy.finish('incomplete').figures.completionTokens).toBe(countTokens(text));
  });
});
