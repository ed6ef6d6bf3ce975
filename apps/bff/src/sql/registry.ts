// The queries running in this BFF process, by their client-chosen id, so `POST .../sql/{id}/cancel`
// can find the MySQL connection to kill. A cancel may arrive before its query registered (the browser
// sends both at once): it leaves a short-lived mark that stops the query as soon as it starts.
//
// Per process: with several BFF replicas a cancel must reach the replica running the query (sticky
// sessions), or it answers `{ cancelled: false }`.

export type StopReason = 'cancelled' | 'timeout' | 'disconnected';

export interface RunningQuery {
  id: string;
  cluster: string;
  /** Who started it: only they (or an admin) may cancel it. */
  user: string;
  stop(reason: StopReason): void;
}

const EARLY_CANCEL_TTL_MS = 10_000;
/** A flood of cancels for ids that never run must not grow the map without bound. */
const MAX_EARLY_CANCELS = 10_000;

export class QueryRegistry {
  private readonly running = new Map<string, RunningQuery>();
  private readonly earlyCancels = new Map<string, { cluster: string; user: string; until: number }>();

  /** False when the id is taken by a query still running. */
  add(query: RunningQuery): boolean {
    if (this.running.has(query.id)) return false;
    this.running.set(query.id, query);
    const early = this.earlyCancels.get(query.id);
    this.earlyCancels.delete(query.id);
    if (early && early.until > Date.now() && early.cluster === query.cluster && early.user === query.user) {
      query.stop('cancelled');
    }
    return true;
  }

  remove(id: string): void {
    this.running.delete(id);
  }

  get(id: string): RunningQuery | undefined {
    return this.running.get(id);
  }

  get size(): number {
    return this.running.size;
  }

  /** Stops the query if `mayCancel` allows; remembers the id for a moment when it is not running yet. */
  cancel(id: string, cluster: string, user: string, mayCancel: (q: RunningQuery) => boolean): boolean {
    const query = this.running.get(id);
    if (query && query.cluster === cluster && mayCancel(query)) {
      query.stop('cancelled');
      return true;
    }
    if (!query) {
      const now = Date.now();
      for (const [key, mark] of this.earlyCancels) if (mark.until <= now) this.earlyCancels.delete(key);
      if (this.earlyCancels.size < MAX_EARLY_CANCELS) {
        this.earlyCancels.set(id, { cluster, user, until: now + EARLY_CANCEL_TTL_MS });
      }
    }
    return false;
  }
}
