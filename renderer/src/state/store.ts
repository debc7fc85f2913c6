import { useSyncExternalStore } from 'react';

/** A tiny observable value; React components read it through `useStore`. */
export interface Store<T> {
  get(): T;
  /** Replaces the state with what `update` returns; listeners run only on a real change. */
  set(update: (state: T) => T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(update) {
      const next = update(state);
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * Reads a slice of a store. The selector must return a value that is stable while
 * the slice is unchanged (a field, not a freshly built object), or React re-renders
 * forever.
 */
export function useStore<T, S>(store: Store<T>, select: (state: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
