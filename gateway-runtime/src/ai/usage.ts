/**
 * Token accounting of one AI response, as each vendor reports it: from response
 * headers, a JSON body, or each SSE event as it passes. In a stream every event is
 * read and a figure takes the value of the last event that holds it (Anthropic's
 * cumulative `message_delta` replaces `message_start`, never adds to it; OpenAI's
 * `usage: null` chunks leave figures as they are). Generated text is kept aside, so
 * that when the vendor reports nothing (or the client leaves first) the figures can
 * be estimated instead.
 *
 * Parsing every event was most of the metering's cost, so an event is parsed as it
 * passes only when its text holds a key a figure or the model is read from (a cheap
 * pattern test); every event's data is kept as bytes (PendingEvents) and read for
 * generated text only if an estimate turns out to be needed (past a cap, in batches,
 * so memory stays bounded).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AiUsage } from '../analytics/event.js';
import { costOf, priceFor } from './cost.js';
import { TextCollector } from './estimate.js';
import { collectStrings, numberFrom, stringFrom } from './json-path.js';
import { PENDING_BYTES, PendingEvents } from './pending-events.js';
import type { SseEvent } from './sse.js';
import { tokenFields, type TokenFigures, type ValueLocation, type VendorSpec } from './types.js';

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

/** The quoted key a location's value sits under (`"prompt_tokens"`); null when the path names none. */
function keyNeedle(path: string): string | null {
  const names = path.split('.').filter((s) => s !== '*' && !/^\d+$/.test(s));
  const last = names[names.length - 1];
  return last === undefined ? null : JSON.stringify(last);
}

/** What an event's text must contain to be worth parsing as it passes. */
interface Needles {
  /** Matches a key of the token figures' body locations; null: every event is parsed. */
  figures: RegExp | null;
  /** Matches a key of the responding model's body locations; null: none. */
  model: RegExp | null;
}

const needlesBySpec = new WeakMap<VendorSpec, Needles>();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for all keys: a single scan of the event (a search per key cost as much as parsing). */
function keysPattern(locations: readonly ValueLocation[]): RegExp | null | 'any' {
  const keys = new Set<string>();
  for (const location of locations) {
    if (location.from !== 'body') continue;
    const key = keyNeedle(location.path);
    if (key === null) return 'any';
    keys.add(escapeRegExp(key.slice(1, -1)));
  }
  return keys.size === 0 ? null : new RegExp(`"(?:${[...keys].join('|')})"`);
}

function needlesOf(spec: VendorSpec): Needles {
  let needles = needlesBySpec.get(spec);
  if (needles) return needles;
  const figures = keysPattern(tokenFields.flatMap((field) => spec.usage[field]));
  const model = keysPattern(spec.model.response);
  needles =
    figures === 'any' || model === 'any'
      ? { figures: null, model: null }
      : { figures: figures ?? /(?!)/, model };
  needlesBySpec.set(spec, needles);
  return needles;
}

/** How the response ended, for deciding whether reported figures are final. */
export type Ending = 'complete' | 'incomplete';

export class UsageTracker {
  readonly reported: TokenFigures = noFigures();
  private model: string | null = null;
  /** `"model":"<the model>"` as vendors write it: an event holding it cannot change the model. */
  private modelMember = '';
  private readonly completion = new TextCollector();
  private readonly prompt = new TextCollector();
  private readonly needles: Needles;
  /** Events not yet read for text, in order. */
  private readonly pending = new PendingEvents();

  constructor(
    private readonly spec: VendorSpec,
    readonly requestedModel: string | null,
    promptText: readonly string[],
  ) {
    for (const text of promptText) this.prompt.add(text);
    this.needles = needlesOf(spec);
  }

  get respondingModel(): string | null {
    return this.model;
  }

  set respondingModel(model: string | null) {
    this.model = model;
    this.modelMember = model === null ? '' : `"model":${JSON.stringify(model)}`;
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
    this.readFigures(json);
    this.readPending();
    this.readText(json);
  }

  /** Token figures and the responding model of one JSON document. */
  private readFigures(json: unknown): void {
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
  }

  private readText(json: unknown): void {
    const texts: string[] = [];
    collectStrings(json, this.spec.completionText, texts);
    for (const text of texts) this.completion.add(text);
  }

  /** Reads the generated text of the events kept so far. */
  private readPending(): void {
    for (const data of this.pending.events()) {
      try {
        this.readText(JSON.parse(data));
      } catch {
        // Not JSON after all: skipped, as it would have been when it passed.
      }
    }
    this.pending.clear();
  }

  /** True when the event's text holds a key a figure (or a new model) may sit under. */
  private mayCarryFigures(data: string): boolean {
    const { figures, model } = this.needles;
    if (figures === null || figures.test(data)) return true;
    // An event naming the model already known (every OpenAI chunk) cannot change it.
    if (model !== null && (this.model === null || !data.includes(this.modelMember)))
      if (model.test(data)) return true;
    // A key written with escapes (`"prompt\u005ftokens"`) hides from the patterns.
    return data.includes('\\u');
  }

  /** One SSE event; data that is not JSON (`[DONE]`) is skipped. */
  readEvent(event: SseEvent): void {
    const data = event.data.trimStart();
    if (data[0] !== '{' && data[0] !== '[') return;
    if (this.mayCarryFigures(data)) {
      try {
        this.readFigures(JSON.parse(data));
      } catch {
        return;
      }
    }
    this.pending.add(data);
    if (this.pending.size > PENDING_BYTES) this.readPending();
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
    if (ending === 'incomplete' || completion === null) this.readPending();
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
