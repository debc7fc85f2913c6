/**
 * Token accounting of one AI response, as each vendor reports it: from response
 * headers, a JSON body, or each SSE event as it passes. In a stream every event is
 * read and a figure takes the value of the last event that holds it (Anthropic's
 * cumulative `message_delta` replaces `message_start`, never adds to it; OpenAI's
 * `usage: null` chunks leave figures as they are). Generated text is kept aside, so
 * that when the vendor reports nothing (or the client leaves first) the figures can
 * be estimated instead.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AiUsage } from '../analytics/event.js';
import { costOf, priceFor } from './cost.js';
import { TextCollector } from './estimate.js';
import { collectStrings, numberFrom, stringFrom } from './json-path.js';
import type { SseEvent } from './sse.js';
import { tokenFields, type TokenFigures, type VendorSpec } from './types.js';

const noFigures = (): TokenFigures => ({
  promptTokens: null,
  completionTokens: null,
  totalTokens: null,
  cachedTokens: null,
  reasoningTokens: null,
});

function headerNumber(headers: IncomingHttpHeaders, name: string): number | null {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/** How the response ended, for deciding whether reported figures are final. */
export type Ending = 'complete' | 'incomplete';

export class UsageTracker {
  readonly reported: TokenFigures = noFigures();
  respondingModel: string | null = null;
  private readonly completion = new TextCollector();
  private readonly prompt = new TextCollector();

  constructor(
    private readonly spec: VendorSpec,
    readonly requestedModel: string | null,
    promptText: readonly string[],
  ) {
    for (const text of promptText) this.prompt.add(text);
  }

  /** Header locations: read once, from the response headers. */
  readHeaders(headers: IncomingHttpHeaders): void {
    for (const field of tokenFields) {
      for (const location of this.spec.usage[field]) {
        if (location.from !== 'header') continue;
        const value = headerNumber(headers, location.path);
        if (value !== null) {
          this.reported[field] = value;
          break;
        }
      }
    }
    for (const location of this.spec.model.response) {
      const raw = location.from === 'header' ? headers[location.path] : undefined;
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (value) {
        this.respondingModel = value;
        break;
      }
    }
  }

  /** One JSON document: a whole body, or one SSE event's data. */
  readJson(json: unknown): void {
    for (const field of tokenFields) {
      for (const location of this.spec.usage[field]) {
        const value = numberFrom(json, location);
        if (value !== null) {
          this.reported[field] = value;
          break;
        }
      }
    }
    for (const location of this.spec.model.response) {
      const value = stringFrom(json, location);
      if (value !== null) {
        this.respondingModel = value;
        break;
      }
    }
    const texts: string[] = [];
    collectStrings(json, this.spec.completionText, texts);
    for (const text of texts) this.completion.add(text);
  }

  /** One SSE event; data that is not JSON (`[DONE]`) is skipped. */
  readEvent(event: SseEvent): void {
    const data = event.data.trimStart();
    if (data[0] !== '{' && data[0] !== '[') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    this.readJson(json);
  }

  /**
   * The figures for analytics and quotas. A complete response with prompt and
   * completion reported is exact; otherwise what is missing is estimated (prompt from
   * the request, completion from the text seen; after an early end, never less than
   * what the vendor had reported so far) and the result says so.
   */
  finish(ending: Ending): { figures: TokenFigures; estimated: boolean } {
    const r = this.reported;
    let prompt = r.promptTokens;
    let completion = r.completionTokens;
    // A vendor that reports a total and one part gives the other.
    if (r.totalTokens !== null) {
      if (prompt === null && completion !== null) prompt = r.totalTokens - completion;
      if (completion === null && prompt !== null) completion = r.totalTokens - prompt;
    }
    let estimated = false;
    if (prompt === null) {
      prompt = this.prompt.tokens('\n');
      estimated = true;
    }
    if (ending === 'incomplete') {
      completion = Math.max(completion ?? 0, this.completion.tokens());
      estimated = true;
    } else if (completion === null) {
      completion = this.completion.tokens();
      estimated = true;
    }
    const exactTotal = !estimated && r.totalTokens !== null;
    return {
      figures: {
        promptTokens: prompt,
        completionTokens: completion,
        totalTokens: exactTotal ? r.totalTokens : prompt + completion,
        cachedTokens: r.cachedTokens,
        reasoningTokens: r.reasoningTokens,
      },
      estimated,
    };
  }

  /** The analytics `ai` block. */
  toUsage(ending: Ending, endpointIndex: number): AiUsage {
    const { figures, estimated } = this.finish(ending);
    const price = priceFor(this.spec.prices, [this.respondingModel, this.requestedModel]);
    return {
      vendor: this.spec.name,
      model: this.respondingModel ?? this.requestedModel,
      ...figures,
      estimated,
      cost: costOf(price, figures),
      endpointIndex,
    };
  }
}
