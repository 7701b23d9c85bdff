/**
 * Decoded chunks of one volume layer, loaded on request with a bounded number in flight, kept least
 * recently used first out within a byte budget. Format-neutral: the loader turns a chunk reference into
 * a typed array (or null when the chunk does not exist, which is background, not an error).
 */
import type { ChunkRef } from "./chunkSelection";

export type ChunkLoader<T> = (chunk: ChunkRef) => Promise<T | null>;

export interface ChunkCacheOptions {
  /** Byte budget of the decoded chunks kept (default 256 MiB). */
  maxBytes?: number;
  /** Loads at once (default 4). */
  maxInFlight?: number;
}

/** A loaded chunk: its data, or null for a chunk that does not exist or failed to load. */
export type ChunkListener<T> = (chunk: ChunkRef, data: T | null) => void;

export class ChunkCache<T extends { readonly byteLength: number }> {
  private readonly entries = new Map<string, T | null>();
  private readonly queue: ChunkRef[] = [];
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<ChunkListener<T>>();
  private readonly maxBytes: number;
  private readonly maxInFlight: number;
  private bytes = 0;
  private disposed = false;
  /** Chunks loaded so far (for tests and the stats overlay). */
  loads = 0;
  /** The last load error, if any (the chunk is then treated as missing). */
  lastError: string | null = null;

  constructor(
    private readonly load: ChunkLoader<T>,
    options: ChunkCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  /** The chunk's data; null when known to be missing; undefined when not loaded (yet). */
  get(key: string): T | null | undefined {
    const data = this.entries.get(key);
    if (data === undefined) return undefined;
    // Least recently used first out: re-insert to mark as used.
    this.entries.delete(key);
    this.entries.set(key, data);
    return data;
  }

  /** True while the chunk is queued or loading. */
  isPending(key: string): boolean {
    return this.queued.has(key) || this.inFlight.has(key);
  }

  /**
   * Asks for a chunk unless it is cached or in flight. `urgent` requests go before everything queued
   * (a request already queued is moved up), so the current slice loads before prefetches.
   */
  request(chunk: ChunkRef, urgent = true): void {
    if (this.disposed || this.entries.has(chunk.key) || this.inFlight.has(chunk.key)) return;
    if (this.queued.has(chunk.key)) {
      if (!urgent) return;
      const i = this.queue.findIndex((c) => c.key === chunk.key);
      if (i > 0) this.queue.unshift(...this.queue.splice(i, 1));
      return;
    }
    this.queued.add(chunk.key);
    if (urgent) this.queue.unshift(chunk);
    else this.queue.push(chunk);
    this.pump();
  }

  /** Drops queued requests (not those in flight) that `keep` rejects, e.g. after the slice moved on. */
  prune(keep: (chunk: ChunkRef) => boolean): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const c = this.queue[i]!;
      if (!keep(c)) {
        this.queue.splice(i, 1);
        this.queued.delete(c.key);
      }
    }
  }

  /** Called with each chunk as it arrives. Returns the unsubscribe function. */
  onLoad(listener: ChunkListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Forgets everything; loads in flight are discarded when they end. */
  dispose(): void {
    this.disposed = true;
    this.entries.clear();
    this.queue.length = 0;
    this.queued.clear();
    this.listeners.clear();
    this.bytes = 0;
  }

  private pump(): void {
    while (!this.disposed && this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      this.queued.delete(chunk.key);
      this.inFlight.add(chunk.key);
      this.load(chunk).then(
        (data) => this.finish(chunk, data),
        (err: unknown) => {
          this.lastError = `chunk ${chunk.key}: ${err instanceof Error ? err.message : String(err)}`;
          this.finish(chunk, null);
        },
      );
    }
  }

  private finish(chunk: ChunkRef, data: T | null): void {
    this.inFlight.delete(chunk.key);
    if (this.disposed) return;
    this.loads += 1;
    this.entries.set(chunk.key, data);
    if (data) this.bytes += data.byteLength;
    this.evict();
    for (const l of this.listeners) l(chunk, data);
    this.pump();
  }

  private evict(): void {
    for (const [key, data] of this.entries) {
      if (this.bytes <= this.maxBytes) return;
      this.entries.delete(key);
      if (data) this.bytes -= data.byteLength;
    }
  }
}
