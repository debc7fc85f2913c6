/**
 * The AI request as the gateway forwards it: the client's JSON body read once, the
 * requested model found where the vendor puts it (body, header or URL path), and the
 * body adjusted only where needed: the endpoint's pinned model, and, on a streamed
 * OpenAI-style call whose client did not ask for usage, the vendor's stream usage
 * option. The option is spliced into the original text, so the rest of the client's
 * body goes out byte for byte.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { collectStrings, stringFrom, valuesAt } from './json-path.js';
import type { VendorSpec } from './types.js';

/** The client's request body, read and (when JSON) parsed. */
export interface ClientRequest {
  body: Buffer;
  /** The body when it is a JSON object, else null. */
  json: Record<string, unknown> | null;
  /** `stream: true` in the body. */
  stream: boolean;
}

export function readClientRequest(body: Buffer): ClientRequest {
  let json: Record<string, unknown> | null = null;
  const first = body.subarray(0, 64).toString('utf8').trimStart()[0];
  if (first === '{') {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        json = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: forwarded as is, the vendor will say what is wrong.
    }
  }
  return { body, json, stream: json?.stream === true };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The model the client asked for (or the endpoint pins), where the vendor says it sits. */
export function requestedModel(
  spec: VendorSpec,
  request: ClientRequest,
  headers: IncomingHttpHeaders,
  upstreamPath: string,
): string | null {
  for (const location of spec.model.request) {
    if (location.from === 'body') {
      const value = request.json ? stringFrom(request.json, location) : null;
      if (value !== null) return value;
    } else if (location.from === 'header') {
      const raw = headers[location.path];
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (value) return value;
    } else {
      const [before = '', after = ''] = location.path.split('{model}');
      const match = new RegExp(`${escapeRegExp(before)}([^/?#]+)${escapeRegExp(after)}`).exec(
        upstreamPath,
      );
      if (match?.[1]) return decodeURIComponent(match[1]);
    }
  }
  return null;
}

/** Prompt text of the request, for estimates. */
export function promptText(spec: VendorSpec, request: ClientRequest): string[] {
  const out: string[] = [];
  if (request.json) collectStrings(request.json, spec.promptText, out);
  return out;
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = root;
  parts.slice(0, -1).forEach((part) => {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1] ?? path] = value;
}

/** The body sent upstream, and whether the gateway asked for stream usage the client did not. */
export interface UpstreamBody {
  body: Buffer;
  injectedUsage: boolean;
}

/** Whether the vendor should be asked for stream usage on this call. */
export function needsStreamUsage(
  spec: VendorSpec,
  request: ClientRequest,
  upstreamPath: string,
): boolean {
  const option = spec.streamUsage;
  if (!option || !request.stream || !request.json) return false;
  if (!option.paths.some((suffix) => upstreamPath.endsWith(suffix))) return false;
  return valuesAt(request.json, option.field)[0] !== true;
}

export function upstreamBody(
  spec: VendorSpec,
  request: ClientRequest,
  pinnedModel: string | null,
  upstreamPath: string,
): UpstreamBody {
  const inject = needsStreamUsage(spec, request, upstreamPath);
  const modelLocation = spec.model.request.find((l) => l.from === 'body' && !l.path.includes('*'));
  const pin = pinnedModel !== null && request.json !== null && modelLocation !== undefined;
  if (!inject && !pin) return { body: request.body, injectedUsage: false };
  const field = spec.streamUsage?.field ?? '';
  const [top = field] = field.split('.');
  const text = request.body.toString('utf8');
  const open = text.indexOf('{');
  if (!pin && request.json && !Object.hasOwn(request.json, top)) {
    // Splice `"stream_options":{"include_usage":true},` after the opening brace.
    const nested = field
      .split('.')
      .reverse()
      .reduce<string>((inner, key) => `{${JSON.stringify(key)}:${inner}}`, 'true');
    const member = nested.slice(1, -1);
    const rest = text.slice(open + 1);
    const comma = /^\s*}/.test(rest) ? '' : ',';
    return {
      body: Buffer.from(`${text.slice(0, open + 1)}${member}${comma}${rest}`, 'utf8'),
      injectedUsage: true,
    };
  }
  // Rarer: the option object exists, or the model is pinned; the body is re-serialized.
  const copy = structuredClone(request.json ?? {});
  if (inject) setAt(copy, field, true);
  if (pin && modelLocation) setAt(copy, modelLocation.path, pinnedModel);
  return { body: Buffer.from(JSON.stringify(copy), 'utf8'), injectedUsage: inject };
}
