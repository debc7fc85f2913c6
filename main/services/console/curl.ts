/**
 * "Copy as curl": a POSIX shell command that sends the same request. Every
 * argument is single-quoted, so nothing in a header, URL or body is expanded by
 * the shell (`$`, backticks, `!`, spaces); a single quote inside is written `'\''`.
 */

/** What a curl command needs: everything already resolved (URL with query, final headers). */
export interface CurlInput {
  method: string;
  url: string;
  headers: readonly { name: string; value: string }[];
  body: string | null;
}

/** Quotes one argument for a POSIX shell. */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(input: CurlInput): string {
  // -X only when curl would not pick the method itself (GET without body, POST with one).
  const implied = input.body === null ? 'GET' : 'POST';
  const first = input.method === implied ? 'curl' : `curl -X ${shellQuote(input.method)}`;
  const lines = [`${first} ${shellQuote(input.url)}`];
  for (const header of input.headers)
    lines.push(`-H ${shellQuote(`${header.name}: ${header.value}`)}`);
  // --data-raw sends the body byte for byte (-d would treat a leading @ as a file name).
  if (input.body !== null) lines.push(`--data-raw ${shellQuote(input.body)}`);
  return lines.join(' \\\n  ');
}
