/**
 * Header redaction for the traffic log: credentials never reach the log, the
 * studio's windows or an exported HAR file. The header is kept (its presence is
 * what one debugs) but its value is replaced; a bearer token keeps its scheme.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export const REDACTED = '[redacted]';

/** Headers whose values are always secret. */
const alwaysSecret = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'apikey',
  'api-key',
  'x-api-key',
  'internal-key',
]);

function redactValue(name: string, value: string): string {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const space = value.indexOf(' ');
    // Keep the scheme: "Bearer" vs "Basic" is what one needs to see.
    return space > 0 ? `${value.slice(0, space)} ${REDACTED}` : REDACTED;
  }
  return REDACTED;
}

/**
 * Lower-cased headers as strings (repeated values joined with `, `), secret ones
 * redacted. `extraSecret` names more secret headers (an API's own key header).
 */
export function redactHeaders(
  headers: IncomingHttpHeaders | OutgoingHttpHeaders,
  extraSecret: string | null = null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const name = rawName.toLowerCase();
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    out[name] = alwaysSecret.has(name) || name === extraSecret ? redactValue(name, value) : value;
  }
  return out;
}
