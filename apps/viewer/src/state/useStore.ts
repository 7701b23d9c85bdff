import { useCallback, useSyncExternalStore } from "react";
import type { Store } from "./createStore";

/** Subscribes a component to the slice of the store it renders; re-renders only when that slice changes. */
export function useStore<S, T>(store: Store<S>, selector: (state: S) => T): T {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  const get = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(subscribe, get, get);
}
