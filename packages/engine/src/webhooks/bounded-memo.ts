/**
 * Remembers up to `limit` computed values, forgetting the oldest first. For
 * values that never change for their key: the sender keys bodies by event and
 * format, and opened secrets by their sealed text (a rotation seals anew).
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: () => V): V {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.values.size >= this.limit) {
      const oldest = this.values.keys().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
    this.values.set(key, value);
    return value;
  }
}
