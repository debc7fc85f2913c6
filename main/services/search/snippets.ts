/**
 * Snippets: the line of a hit where the query matches first, cut to about 160
 * characters, with each match marked « » (plain characters, so the renderer can show
 * them as text or split on them to highlight, and no HTML ever needs escaping).
 */
import type { RowKind } from './api-documents.js';
import type { ParsedQuery } from './query-parser.js';

export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';
const SNIPPET_CHARS = 160;

/** Matches the query's words (as prefixes at a word start) and phrases in a line. */
export function termPattern(q: ParsedQuery): RegExp | null {
  // A word matches as a prefix, so the mark covers the rest of the word it starts.
  const parts = [
    ...q.words.map((w) => `${w}[\\p{L}\\p{N}]*`),
    ...q.phrases.map((p) => p.split(' ').join('[^\\p{L}\\p{N}]+')),
  ].map((t) => `(?<![\\p{L}\\p{N}])${t}`);
  return parts.length > 0 ? new RegExp(parts.join('|'), 'giu') : null;
}

function mark(line: string, pattern: RegExp | null): string {
  const text = line.trim();
  if (!pattern) return text.slice(0, SNIPPET_CHARS);
  pattern.lastIndex = 0;
  const first = pattern.exec(text)?.index ?? 0;
  const start = Math.max(0, first - SNIPPET_CHARS / 4);
  let window = text.slice(start, start + SNIPPET_CHARS);
  window = window.replace(pattern, (m) => `${MARK_OPEN}${m}${MARK_CLOSE}`);
  return `${start > 0 ? '…' : ''}${window}${start + SNIPPET_CHARS < text.length ? '…' : ''}`;
}

/** The line of a row where the query matches first, and its snippet. */
export function locate(
  row: { kind: RowKind; text: string; line: number },
  pattern: RegExp | null,
): { line: number; snippet: string } {
  const lines = row.text.split('\n');
  let at = 0;
  if (pattern && row.kind === 'text') {
    const found = lines.findIndex((l) => {
      pattern.lastIndex = 0;
      return pattern.test(l);
    });
    if (found >= 0) at = found;
  }
  return { line: row.line + at, snippet: mark(lines[at] ?? '', pattern) };
}
