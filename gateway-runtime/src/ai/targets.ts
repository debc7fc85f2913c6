/**
 * An AI endpoint compiled for serving: the primary and its fallbacks, each with its
 * vendor resolved against the bundle's `aiVendors` and its URL split once.
 */
import type { AiEndpoint, AiFallback, AiVendor } from '../model/bundle.js';
import { compileBackendLimit, type BackendLimit } from './backend-limits.js';
import { loadTokenizer } from './estimate.js';
import { resolveVendor } from './registry.js';
import type { ResolvedVendor } from './types.js';

/** One endpoint an AI call may go to. */
export interface AiTarget {
  /** 0 for the primary, n for `fallbacks[n - 1]`. */
  index: number;
  /** For counters and analytics: `primary`, `fallbacks[0]`, ... */
  label: string;
  vendor: ResolvedVendor;
  origin: string;
  /** The URL's path without a trailing slash; the client's path after the API's context and version is appended. */
  basePath: string;
  /** The URL's own query without `?` (Azure's `api-version`), put before the client's. */
  baseQuery: string;
  secretRef: string | null;
  timeoutMs: number;
  /** The model the endpoint pins, replacing the client's. */
  model: string | null;
  limit: BackendLimit | null;
}

function compileTarget(
  endpoint: AiEndpoint | AiFallback,
  index: number,
  vendors: readonly AiVendor[],
): AiTarget {
  const url = new URL(endpoint.url);
  return {
    index,
    label: index === 0 ? 'primary' : `fallbacks[${index - 1}]`,
    vendor: resolveVendor(endpoint.vendor, vendors),
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    baseQuery: url.search.slice(1),
    secretRef: endpoint.secretRef ?? null,
    timeoutMs: endpoint.timeoutMs,
    model: endpoint.model ?? null,
    limit: compileBackendLimit(endpoint.limit, endpoint.tokens),
  };
}

/** The primary then each fallback, in order. */
export function compileAiTargets(endpoint: AiEndpoint, vendors: readonly AiVendor[]): AiTarget[] {
  // Estimates need the tokenizer; start loading it now so no request waits for it.
  void loadTokenizer();
  return [endpoint, ...(endpoint.fallbacks ?? [])].map((e, i) => compileTarget(e, i, vendors));
}

/** The upstream path and query: base path + the client's path, base query + the client's query. */
export function upstreamTarget(
  target: AiTarget,
  rest: string,
  query: string,
): { path: string; pathOnly: string } {
  const pathOnly = `${target.basePath}${rest}`;
  const client = query.startsWith('?') ? query.slice(1) : query;
  const joined = [target.baseQuery, client].filter(Boolean).join('&');
  return { path: `${pathOnly || '/'}${joined ? `?${joined}` : ''}`, pathOnly: pathOnly || '/' };
}
