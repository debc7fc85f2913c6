/**
 * Fetching a definition by URL in the main process (the renderer's CSP and CORS would
 * block most servers): http and https only, redirects followed a few times, a size
 * cap enforced while reading (not trusted from Content-Length alone) and one
 * deadline for the whole exchange. Every failure is a `StudioError` naming the URL.
 */
import { request } from 'undici';
import { StudioError } from '../errors.js';

/** Limits for one fetch. */
export interface FetchLimits {
  /** Largest body accepted, in bytes. Default 30 MiB (what the create dialog accepts). */
  maxBytes?: number;
  /** Deadline for connecting, redirects and the whole body. Default 20 s. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
}

/** A fetched definition: its text and the file name its URL ends with (for detection). */
export interface FetchedDefinition {
  url: string;
  content: string;
  fileName: string | undefined;
}

const defaults = { maxBytes: 30 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 };

/** Parses and checks a URL the user typed; throws a `VALIDATION` error naming `url`. */
export function checkDefinitionUrl(text: string): URL {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed)) {
    throw new StudioError(
      'VALIDATION',
      `url: "${trimmed}" is not a URL; give an absolute http:// or https:// URL`,
    );
  }
  const url = new URL(trimmed);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StudioError(
      'VALIDATION',
      `url: only http:// and https:// URLs can be imported, got ${url.protocol}//`,
    );
  }
  if (url.username || url.password) {
    throw new StudioError(
      'VALIDATION',
      'url: credentials in the URL are not accepted; use a URL that needs none',
    );
  }
  return url;
}

function fileNameOf(url: URL): string | undefined {
  const last = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 0)} MiB`;
}

/** GETs the definition, following redirects; throws `StudioError` with the reason. */
export async function fetchDefinition(
  text: string,
  limits: FetchLimits = {},
): Promise<FetchedDefinition> {
  const { maxBytes, timeoutMs, maxRedirects } = { ...defaults, ...limits };
  let url = checkDefinitionUrl(text);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await request(url, {
        method: 'GET',
        signal,
        headers: {
          accept:
            'application/json, application/yaml, application/x-yaml, text/yaml, application/graphql, text/xml, */*;q=0.5',
          'user-agent': 'Portico-Studio',
        },
      });
      if (response.statusCode >= 300 && response.statusCode < 400) {
        await response.body.dump();
        const location = response.headers.location;
        const target = Array.isArray(location) ? location[0] : location;
        if (!target) {
          throw new StudioError(
            'VALIDATION',
            `url: ${url.href} answered ${response.statusCode} without a Location`,
          );
        }
        if (hop >= maxRedirects) {
          throw new StudioError(
            'VALIDATION',
            `url: more than ${maxRedirects} redirects from ${text.trim()}`,
          );
        }
        url = checkDefinitionUrl(new URL(target, url).href);
        continue;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new StudioError(
          'VALIDATION',
          `url: ${url.href} answered HTTP ${response.statusCode}; expected 200 with the definition`,
        );
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body.dump();
        throw new StudioError(
          'VALIDATION',
          `url: ${url.href} is ${mib(declared)}; the limit is ${mib(maxBytes)}`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > maxBytes) {
          response.body.destroy();
          throw new StudioError(
            'VALIDATION',
            `url: ${url.href} is larger than the limit of ${mib(maxBytes)}`,
          );
        }
        chunks.push(buffer);
      }
      return {
        url: url.href,
        content: Buffer.concat(chunks).toString('utf8'),
        fileName: fileNameOf(url),
      };
    }
  } catch (error) {
    if (error instanceof StudioError) throw error;
    if (signal.aborted) {
      throw new StudioError(
        'VALIDATION',
        `url: ${url.href} did not answer within ${Math.round(timeoutMs / 1000)} s`,
      );
    }
    const cause =
      error instanceof Error
        ? ((error.cause as Error | undefined)?.message ?? error.message)
        : String(error);
    throw new StudioError('VALIDATION', `url: could not fetch ${url.href}: ${cause}`);
  }
}
