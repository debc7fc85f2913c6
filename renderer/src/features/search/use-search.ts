/**
 * Live search: the query is sent after a short pause in typing, and only the
 * answer to the latest query is kept (an older, slower answer never overwrites it).
 * Nothing is stored for an empty query: the state is derived, not reset.
 */
import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../../main/ipc/contract';
import { IpcClientError, ipc } from '../../ipc/client';

/** Typing pause before a query is sent, in ms. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchState {
  hits: SearchHit[];
  /** A query is in flight. */
  busy: boolean;
  /** Why the last query failed (e.g. an unknown `type:`), or `null`. */
  error: string | null;
  /** The query the hits answer. */
  answered: string;
}

export function useSearch(query: string, limit: number): SearchState {
  const [result, setResult] = useState<{
    query: string;
    hits: SearchHit[];
    error: string | null;
  } | null>(null);
  const text = query.trim();

  useEffect(() => {
    if (text === '') return;
    let current = true;
    const timer = setTimeout(() => {
      ipc.search
        .query({ query: text, limit })
        .then((hits) => {
          if (current) setResult({ query: text, hits, error: null });
        })
        .catch((error: unknown) => {
          if (!current) return;
          const message =
            error instanceof IpcClientError || error instanceof Error
              ? error.message
              : String(error);
          setResult({ query: text, hits: [], error: message });
        });
    }, SEARCH_DEBOUNCE_MS);
    // A newer query (or unmounting) cancels this one and drops its late answer.
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, limit]);

  if (text === '') return { hits: [], busy: false, error: null, answered: '' };
  const fresh = result?.query === text;
  // While a newer query is pending, the last answer stays on screen.
  return {
    hits: result?.hits ?? [],
    busy: !fresh,
    error: fresh ? result.error : null,
    answered: result?.query ?? '',
  };
}
