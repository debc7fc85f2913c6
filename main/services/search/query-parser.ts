/**
 * The search box's syntax: free text plus field filters.
 *
 *   pet status type:rest op:GET tag:pets api:PetStore "exact phrase"
 *
 * `type:` is rest | graphql | async | soap | ai; `op:` an operation method (GET,
 * POST, QUERY, PUBLISH, ...); `tag:` a tag of the API or its operations (repeatable,
 * all must match); `api:` the start of the API's name or id. Free words match as
 * prefixes (`pet` finds `pets`); a quoted phrase matches exactly. Every word must match.
 */
import { StudioError } from '../errors.js';

const types = { rest: 'REST', graphql: 'GRAPHQL', async: 'ASYNC', soap: 'SOAP', ai: 'AI' } as const;

/** A parsed query. */
export interface ParsedQuery {
  /** Free words, lowercased; matched as prefixes. */
  words: string[];
  /** Quoted phrases, lowercased; matched exactly. */
  phrases: string[];
  type: (typeof types)[keyof typeof types] | null;
  op: string | null;
  tags: string[];
  api: string | null;
}

const tokenPattern = /(\w+):("[^"]*"|\S+)|"([^"]*)"?|(\S+)/g;

/** Letters and digits: what the FTS5 unicode61 tokenizer keeps of a word. */
function tokensOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, value.endsWith('"') ? -1 : undefined) : value;
}

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { words: [], phrases: [], type: null, op: null, tags: [], api: null };
  for (const match of input.matchAll(tokenPattern)) {
    const [, field, rawValue, phrase, word] = match;
    if (field !== undefined && rawValue !== undefined) {
      const value = unquote(rawValue).trim();
      const key = field.toLowerCase();
      if (key === 'type') {
        const type = types[value.toLowerCase() as keyof typeof types] as
          ParsedQuery['type'] | undefined;
        if (!type) {
          throw new StudioError(
            'VALIDATION',
            `query: type:${value} is not an API type; use one of ${Object.keys(types)
              .map((t) => `type:${t}`)
              .join(', ')}`,
          );
        }
        query.type = type;
        continue;
      }
      if (key === 'op') {
        if (!/^[a-z]+$/i.test(value)) {
          throw new StudioError(
            'VALIDATION',
            `query: op:${value} is not a method; use a word such as op:GET, op:POST or op:QUERY`,
          );
        }
        query.op = value.toUpperCase();
        continue;
      }
      if (key === 'tag' && value !== '') {
        query.tags.push(value.toLowerCase());
        continue;
      }
      if (key === 'api' && value !== '') {
        query.api = value;
        continue;
      }
      // Not a known field (`x-ms-paths:`, `https://...`): search it as text.
      query.words.push(...tokensOf(match[0]));
      continue;
    }
    if (phrase !== undefined) {
      const tokens = tokensOf(phrase);
      if (tokens.length > 0) query.phrases.push(tokens.join(' '));
      continue;
    }
    if (word !== undefined) query.words.push(...tokensOf(word));
  }
  return query;
}

/** The FTS5 MATCH expression of the free text, or `null` when there is none. */
export function ftsMatch(query: ParsedQuery): string | null {
  // Tokens hold only letters and digits, so quoting them needs no escaping.
  const parts = [...query.words.map((w) => `"${w}"*`), ...query.phrases.map((p) => `"${p}"`)];
  return parts.length > 0 ? parts.join(' ') : null;
}
