/**
 * A short-lived cache whose misses are coalesced: while a value is being loaded, every caller
 * asking for the same key awaits the same promise, so N identical requests cost one upstream
 * fan-out. Failures are shared by the callers waiting at that moment but never cached.
 * Keys live in groups (one per cluster) so a write can drop everything of its cluster at once.
 */
export class CoalescingCache<T> {
  private readonly values = new Map<string, { value: T; expires: number }>();
  private readonly loading = new Map<string, { promise: Promise<T>; generation: number }>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** A fresh cached value, if any, without loading. */
  peek(group: string, key: string): T | undefined {
    const id = cacheId(group, key);
    const hit = this.values.get(id);
    if (hit && hit.expires > Date.now()) return hit.value;
    if (hit) this.values.delete(id);
    return undefined;
  }

  get(group: string, key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.peek(group, key);
    if (hit !== undefined) return Promise.resolve(hit);
    const id = cacheId(group, key);
    const generation = this.generation(group);
    const pending = this.loading.get(id);
    if (pending && pending.generation === generation) return pending.promise;

    const promise = load().then((value) => {
      // A load that started before an invalidation must not put its older answer in the cache.
      if (generation === this.generation(group) && this.ttlMs > 0) {
        this.values.set(id, { value, expires: Date.now() + this.ttlMs });
      }
      return value;
    });
    this.loading.set(id, { promise, generation });
    const forget = () => {
      if (this.loading.get(id)?.promise === promise) this.loading.delete(id);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Drops every value of a group; loads already running for it no longer serve new callers. */
  invalidate(group: string): void {
    this.generations.set(group, this.generation(group) + 1);
    const prefix = cacheId(group, '');
    for (const id of [...this.values.keys()]) if (id.startsWith(prefix)) this.values.delete(id);
  }

  private generation(group: string): number {
    return this.generations.get(group) ?? 0;
  }
}

const cacheId = (group: string, key: string) => `${group}\u0000${key}`;
