import type { SqlCell, SqlColumn, SqlEvent } from '@vtdeck/contracts';

export type DoneEvent = Extract<SqlEvent, { type: 'done' }>;
export type ErrorEvent = Extract<SqlEvent, { type: 'error' }>;

/** One statement of a run: a result set (columns and rows), a write (rows affected), or an error. */
export interface StatementResult {
  statement: number;
  sql?: string;
  columns?: SqlColumn[];
  /** Appended in place as batches arrive; readers key their memos on the snapshot's `version`. */
  rows: SqlCell[][];
  done?: DoneEvent;
  error?: ErrorEvent;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** Where the submitted text sits in the editor, to put error offsets back in the right place. */
export interface RunOrigin {
  /** Editor offset of the first character sent. */
  base: number;
  /** Characters the console put in front (`EXPLAIN `), not in the editor. */
  prefix: number;
  /** The text as sent. */
  sql: string;
}

export interface RunSnapshot {
  version: number;
  status: RunStatus;
  results: readonly StatementResult[];
  origin?: RunOrigin;
  startedAt?: number;
  elapsedMs?: number;
  /** A refusal of the whole request (403, 400, network...), before any statement ran. */
  failure?: unknown;
}

/** Streams repaint at most this often: 100,000 rows in 1,000-row batches must not mean 100 renders a second. */
export const NOTIFY_MS = 100;

/**
 * The rows of a run live here, outside React state: batches are pushed onto arrays and only a
 * version counter (bumped at most every `NOTIFY_MS`) tells React to look again.
 */
export class ResultStore {
  private snapshot: RunSnapshot = { version: 0, status: 'idle', results: [] };
  private results: StatementResult[] = [];
  private byStatement = new Map<number, StatementResult>();
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastNotify = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSnapshot => this.snapshot;

  begin(origin: RunOrigin): void {
    this.results = [];
    this.byStatement.clear();
    this.commit(
      { status: 'running', origin, startedAt: Date.now(), elapsedMs: undefined, failure: undefined },
      true,
    );
  }

  apply(event: SqlEvent): void {
    switch (event.type) {
      case 'start':
        return;
      case 'resultset': {
        const r = this.entry(event.statement);
        r.sql = event.sql;
        r.columns = event.columns;
        break;
      }
      case 'rows': {
        const rows = this.entry(event.statement).rows;
        for (const row of event.rows) rows.push(row);
        break;
      }
      case 'done':
        this.entry(event.statement).done = event;
        break;
      case 'error':
        this.entry(event.statement).error = event;
        break;
      case 'end':
        this.commit(
          { status: this.status() === 'running' ? 'done' : this.status(), elapsedMs: event.elapsedMs },
          true,
        );
        return;
    }
    this.commit({}, false);
  }

  fail(failure: unknown): void {
    this.commit({ status: 'failed', failure, elapsedMs: this.sinceStart() }, true);
  }

  cancelled(): void {
    this.commit({ status: 'cancelled', elapsedMs: this.sinceStart() }, true);
  }

  /** The stream ended without an `end` line (connection cut): what arrived stays, marked done. */
  settle(): void {
    if (this.status() === 'running') this.commit({ status: 'done', elapsedMs: this.sinceStart() }, true);
  }

  private status(): RunStatus {
    return this.snapshot.status;
  }

  private sinceStart(): number | undefined {
    return this.snapshot.startedAt ? Date.now() - this.snapshot.startedAt : undefined;
  }

  private entry(statement: number): StatementResult {
    let r = this.byStatement.get(statement);
    if (!r) {
      r = { statement, rows: [] };
      this.byStatement.set(statement, r);
      this.results.push(r);
    }
    return r;
  }

  private pending: Partial<RunSnapshot> = {};

  private commit(patch: Partial<RunSnapshot>, now: boolean): void {
    this.pending = { ...this.pending, ...patch };
    const wait = NOTIFY_MS - (Date.now() - this.lastNotify);
    if (now || wait <= 0) this.notify();
    else this.timer ??= setTimeout(() => this.notify(), wait);
  }

  private notify(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastNotify = Date.now();
    this.snapshot = {
      ...this.snapshot,
      ...this.pending,
      version: this.snapshot.version + 1,
      results: [...this.results],
    };
    this.pending = {};
    for (const l of this.listeners) l();
  }
}
