/**
 * Tells whoever keeps status pages (their public cache) that pages changed, so an owner's edit or a
 * posted update shows on the next request instead of after the cache period. Per app: keyed by the
 * app's options, as the badge cache is.
 */
type Listener = (pageIds: readonly string[]) => void;

const listeners = new WeakMap<object, Set<Listener>>();

/** Calls `listener` with the ids of the pages that changed, until the returned function is called. */
export function onStatusPagesChanged(app: object, listener: Listener): () => void {
  let set = listeners.get(app);
  if (!set) {
    set = new Set();
    listeners.set(app, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

export function statusPagesChanged(app: object, pageIds: readonly string[]): void {
  if (pageIds.length === 0) return;
  for (const listener of listeners.get(app) ?? []) listener(pageIds);
}
