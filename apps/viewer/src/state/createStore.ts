/**
 * A framework-free store (zustand's vanilla pattern): state is replaced immutably by `set`, listeners are
 * told after each change. React binds to it with `useStore(store, selector)`; per-frame code reads
 * `getState()` without subscribing.
 */
export interface Store<S> {
  getState(): S;
  set(partial: Partial<S> | ((s: S) => Partial<S>)): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(s: S, p: S) => void>();
  return {
    getState: () => state,
    set(partial) {
      const next = typeof partial === "function" ? partial(state) : partial;
      const previous = state;
      state = { ...state, ...next };
      for (const l of listeners) l(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
