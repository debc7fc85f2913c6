/**
 * Token estimates for calls whose vendor reported no usage (a server that omits it,
 * a client that left mid-stream). Counts with gpt-tokenizer's o200k_base encoding
 * (GPT-4o and later); for other vendors' models it is an approximation, which is why
 * such events say `estimated: true`. The encoder weighs ~0.5 s to load, so it is
 * loaded once, in the background, when a deployment first has an AI endpoint.
 */

interface Tokenizer {
  countTokens(text: string): number;
}

let tokenizer: Tokenizer | null = null;
let loading: Promise<void> | null = null;

/** Starts loading the tokenizer (once); resolves when it is ready. */
export function loadTokenizer(): Promise<void> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (module) => {
      tokenizer = module;
    },
    () => {
      // Without it estimates fall back to characters / 4; never fail a request over it.
      loading = null;
    },
  );
  return loading;
}

/** Most text tokenized per estimate; past it the count is scaled, so a huge body never blocks the loop for long. */
const MAX_CHARS = 1_000_000;

/** Tokens in `text` (estimated). */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  if (!tokenizer) return Math.ceil(text.length / 4);
  if (text.length <= MAX_CHARS) return tokenizer.countTokens(text);
  return Math.round((tokenizer.countTokens(text.slice(0, MAX_CHARS)) * text.length) / MAX_CHARS);
}

/** Collects text pieces up to a cap, remembering how much there was in all. */
export class TextCollector {
  private parts: string[] = [];
  private kept = 0;
  private total = 0;

  add(text: string): void {
    this.total += text.length;
    if (this.kept >= MAX_CHARS) return;
    const piece = text.length + this.kept > MAX_CHARS ? text.slice(0, MAX_CHARS - this.kept) : text;
    this.parts.push(piece);
    this.kept += piece.length;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** Tokens of everything added (pieces joined with `separator`), scaled past the cap. */
  tokens(separator = ''): number {
    const counted = countTokens(this.parts.join(separator));
    return this.kept >= this.total
      ? counted
      : Math.round((counted * this.total) / Math.max(this.kept, 1));
  }
}
