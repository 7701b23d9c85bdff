/** Key of one supervoxel's fragment at one level of detail. */
export function fragmentKey(supervoxel: string, lod: number): string {
  return `${supervoxel}:${lod}`;
}

/**
 * Decoded mesh fragments by (supervoxel, LOD), least recently used first out once the total size passes
 * `maxBytes`. Fragments the caller still draws can be protected from eviction, so regrouping after an
 * edit never has to fetch again.
 */
export class FragmentCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value, marked as most recently used. */
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Stores a value as most recently used, then evicts unprotected entries while over `maxBytes`. */
  set(key: string, value: V, isProtected: (key: string) => boolean = () => false): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    const bytes = this.sizeOf(value);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    this.evict(isProtected, key);
  }

  /** Drops least recently used entries until under `maxBytes`, skipping protected ones (and `keep`). */
  evict(isProtected: (key: string) => boolean, keep?: string): void {
    if (this.total <= this.maxBytes) return;
    for (const [key, e] of this.entries) {
      if (this.total <= this.maxBytes) return;
      if (key === keep || isProtected(key)) continue;
      this.entries.delete(key);
      this.total -= e.bytes;
    }
  }
}
