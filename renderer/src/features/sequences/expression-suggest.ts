/**
 * Completion for JSONata expression fields: what a step's expression can reach
 * (`request.*`, `variables.<name>` for the variables the sequence defines) and
 * JSONata's built-in functions. Pure, so it is tested without a browser.
 */

/** One completion: the text inserted and a short description. */
export interface Suggestion {
  label: string;
  detail: string;
}

const requestFields: Suggestion[] = [
  { label: 'request.method', detail: 'HTTP method of the request' },
  { label: 'request.path', detail: 'path after the API context and version' },
  { label: 'request.pathParams', detail: 'path template parameters by name' },
  { label: 'request.query', detail: 'query parameters by name' },
  { label: 'request.headers', detail: 'request headers (lower-case names)' },
  { label: 'request.body', detail: 'request body (JSON, or XML mapped to JSON)' },
];

/** JSONata functions worth offering, with their signatures. */
export const jsonataFunctions: Suggestion[] = [
  ['$merge', '$merge(array of objects) — one object'],
  ['$map', '$map(array, function)'],
  ['$filter', '$filter(array, function)'],
  ['$reduce', '$reduce(array, function, init)'],
  ['$string', '$string(value) — JSON text of a value'],
  ['$number', '$number(value)'],
  ['$boolean', '$boolean(value)'],
  ['$exists', '$exists(value)'],
  ['$count', '$count(array)'],
  ['$sum', '$sum(array)'],
  ['$keys', '$keys(object)'],
  ['$lookup', '$lookup(object, key)'],
  ['$spread', '$spread(object)'],
  ['$append', '$append(array1, array2)'],
  ['$join', '$join(array, separator)'],
  ['$split', '$split(string, separator)'],
  ['$substring', '$substring(string, start, length)'],
  ['$uppercase', '$uppercase(string)'],
  ['$lowercase', '$lowercase(string)'],
  ['$contains', '$contains(string, pattern)'],
  ['$replace', '$replace(string, pattern, replacement)'],
  ['$now', '$now() — ISO timestamp'],
  ['$millis', '$millis() — epoch milliseconds'],
  ['$type', '$type(value)'],
].map(([label, detail]) => ({ label: label!, detail: detail! }));

/** The token being typed at the caret: where it starts and its text. */
export function tokenAt(text: string, caret: number): { from: number; token: string } {
  const before = text.slice(0, caret);
  const match = /[$A-Za-z_][\w.$]*$/.exec(before);
  return match ? { from: match.index, token: match[0] } : { from: caret, token: '' };
}

/**
 * Suggestions for the token at the caret, best first: those starting with it,
 * then those containing it. An empty token offers nothing (the list would only
 * be in the way while typing operators and literals).
 */
export function suggest(
  text: string,
  caret: number,
  variables: readonly string[],
  limit = 12,
): { from: number; to: number; items: Suggestion[] } {
  const { from, token } = tokenAt(text, caret);
  if (token === '') return { from, to: caret, items: [] };
  const all = [
    ...requestFields,
    ...variables.map((name) => ({ label: `variables.${name}`, detail: 'a sequence variable' })),
    { label: 'variables', detail: 'every variable of this run' },
    ...jsonataFunctions,
  ];
  const lower = token.toLowerCase();
  const starts = all.filter((s) => s.label.toLowerCase().startsWith(lower) && s.label !== token);
  const contains = all.filter(
    (s) => !s.label.toLowerCase().startsWith(lower) && s.label.toLowerCase().includes(lower),
  );
  return { from, to: caret, items: [...starts, ...contains].slice(0, limit) };
}

/** The text after accepting a suggestion, and where the caret goes. */
export function applySuggestion(
  text: string,
  range: { from: number; to: number },
  suggestion: Suggestion,
): { text: string; caret: number } {
  const insert = suggestion.label.startsWith('$') ? `${suggestion.label}(` : suggestion.label;
  return {
    text: text.slice(0, range.from) + insert + text.slice(range.to),
    caret: range.from + insert.length,
  };
}
