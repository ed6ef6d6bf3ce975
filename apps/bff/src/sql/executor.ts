// Runs the planned statements of a script one after another on one vtgate connection and turns what
// comes back into SqlEvents. Memory stays bounded however large a result is: rows leave in batches,
// and when the browser reads slower than vtgate sends, the MySQL socket is paused until the HTTP
// response drains. A stop (cancel, timeout, client gone) or the row cap sends `KILL QUERY` on a
// second connection; the next statement starts only after that kill has been answered.
import type { SqlCell, SqlEvent } from '@vtdeck/contracts';
import type { Query } from 'mysql2';
import type { Lease } from '../upstreams/vtgate';
import { type CellDecoder, decoderFor, toColumn, type WireField } from './cells';
import type { PlannedStatement } from './guard';
import type { StopReason } from './registry';

export interface EventSink {
  /** False when the client's buffer is full: wait for `onDrain`. */
  write(event: SqlEvent): boolean;
  onDrain(listener: () => void): void;
}

/** Set by the route when the query must stop; the executor reacts to it. */
export interface StopSignal {
  readonly reason: StopReason | undefined;
  readonly timeoutMs: number;
  /** Calls `listener` once when the query is stopped; returns the unsubscribe function. */
  onStop(listener: () => void): () => void;
}

export class StopController implements StopSignal {
  reason: StopReason | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly timeoutMs: number) {}

  onStop(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }
}

export interface StatementOutcome {
  ok: boolean;
  message?: string;
}

export interface ExecuteOptions {
  lease: Lease;
  statements: PlannedStatement[];
  maxRows: number;
  sink: EventSink;
  stop: StopSignal;
  kill(): Promise<void>;
  /** Called after each statement (the audit log records writes); awaited before the next one. */
  afterStatement?(statement: PlannedStatement, outcome: StatementOutcome): Promise<void>;
}

const BATCH_ROWS = 1_000;
const BATCH_BYTES = 256 * 1024;
const MAX_WARNINGS = 50;
// ER_QUERY_INTERRUPTED (MySQL and MariaDB), and MariaDB's ER_STATEMENT_TIMEOUT.
const INTERRUPTED = new Set([1317, 1969]);

/** Runs the statements; resolves to whether the connection may go back to the pool. */
export async function executeStatements(options: ExecuteOptions): Promise<{ reuse: boolean }> {
  const { statements, sink, stop } = options;
  let reuse = true;
  for (const statement of statements) {
    if (stop.reason) {
      // Stopped between two statements: nothing was running to report the stop.
      if (stop.reason !== 'disconnected') sink.write(stoppedEvent(stop, statement.analysis.index));
      return { reuse: false };
    }
    const result = await runOne(options, statement);
    if (result.killed || statement.facts.changesSession) reuse = false;
    await options.afterStatement?.(statement, result.outcome);
    // A failed statement ends the script: what follows may depend on it.
    if (!result.outcome.ok) return { reuse: reuse && !stop.reason };
  }
  return { reuse };
}

interface RunResult {
  outcome: StatementOutcome;
  killed: boolean;
}

function runOne(options: ExecuteOptions, statement: PlannedStatement): Promise<RunResult> {
  const { lease, sink, stop, maxRows } = options;
  const index = statement.analysis.index;
  const conn = lease.connection;
  const started = performance.now();

  return new Promise<RunResult>((resolve) => {
    let decoders: CellDecoder[] = [];
    let batch: SqlCell[][] = [];
    let batchBytes = 0;
    let rowCount = 0;
    let truncated = false;
    let paused = false;
    let discard = false;
    let kill: Promise<void> | undefined;
    let header: { affectedRows?: number; insertId?: number | string } | undefined;

    let finished = false;
    const killOnce = () => {
      kill ??= options.kill().catch(() => undefined);
      return kill;
    };
    // A KILL that reaches the server before the statement started is lost: repeat it until it ends.
    const killUntilEnded = async () => {
      await killOnce();
      for (let i = 0; i < 20 && !finished; i++) {
        await new Promise((r) => setTimeout(r, 250));
        if (!finished) await options.kill().catch(() => undefined);
      }
    };
    const resume = () => {
      if (!paused) return;
      paused = false;
      conn.resume();
    };
    const flush = () => {
      if (batch.length === 0) return;
      const ok = sink.write({ type: 'rows', statement: index, rows: batch });
      batch = [];
      batchBytes = 0;
      if (!ok && !paused && !discard) {
        paused = true;
        conn.pause();
        sink.onDrain(resume);
      }
    };
    const unsubscribe = stop.onStop(() => {
      discard = true;
      batch = [];
      resume();
      void killUntilEnded();
    });

    const query: Query = conn.query({ sql: statement.analysis.sql, rowsAsArray: true, typeCast: false });
    query.on('fields', (fields: WireField[] | undefined) => {
      if (!fields) return;
      decoders = fields.map(decoderFor);
      sink.write({
        type: 'resultset',
        statement: index,
        sql: statement.analysis.sql,
        columns: fields.map(toColumn),
      });
    });
    query.on('result', (row: unknown) => {
      if (!Array.isArray(row)) {
        header = row as typeof header;
        return;
      }
      if (discard) return;
      if (rowCount >= maxRows) {
        truncated = true;
        discard = true;
        flush();
        resume();
        void killOnce();
        return;
      }
      rowCount++;
      const cells = new Array<SqlCell>(row.length);
      for (let i = 0; i < row.length; i++) {
        const value = row[i] as Buffer | null;
        if (value !== null) batchBytes += value.length;
        cells[i] = (decoders[i] as CellDecoder)(value);
      }
      batch.push(cells);
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) flush();
    });

    const finish = async (err: (Error & { code?: string; errno?: number; sqlState?: string }) | null) => {
      finished = true;
      unsubscribe();
      resume();
      if (kill) await kill;
      const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
      if (stop.reason) {
        if (stop.reason !== 'disconnected') sink.write(stoppedEvent(stop, index));
        resolve({ outcome: { ok: false, message: `stopped: ${stop.reason}` }, killed: true });
        return;
      }
      if (err && !(truncated && INTERRUPTED.has(err.errno ?? 0))) {
        flush();
        sink.write({
          type: 'error',
          statement: index,
          code: err.code ?? 'ER_UNKNOWN',
          ...(err.errno !== undefined ? { errno: err.errno } : {}),
          ...(err.sqlState ? { sqlState: err.sqlState } : {}),
          message: err.message,
          offset: statement.analysis.offset,
        });
        resolve({ outcome: { ok: false, message: err.message }, killed: !!kill });
        return;
      }
      flush();
      // A kill that arrived after the query ended may hit the next one: spend it on a no-op first.
      if (kill) await probe(conn);
      const warnings = truncated ? [] : await readWarnings(conn);
      sink.write({
        type: 'done',
        statement: index,
        rowCount,
        ...(header?.affectedRows !== undefined ? { rowsAffected: header.affectedRows } : {}),
        ...(header?.insertId ? { insertId: String(header.insertId) } : {}),
        warnings,
        elapsedMs,
        truncated,
      });
      resolve({ outcome: { ok: true }, killed: !!kill });
    };
    query.on('error', (err: Error) => {
      if (!finished) void finish(err);
    });
    query.on('end', () => {
      if (!finished) void finish(null);
    });
  });
}

function stoppedEvent(stop: StopSignal, statement: number): SqlEvent {
  return stop.reason === 'timeout'
    ? {
        type: 'error',
        statement,
        code: 'QUERY_TIMEOUT',
        message: `the query ran longer than its timeout of ${stop.timeoutMs} ms and was killed`,
      }
    : { type: 'error', statement, code: 'QUERY_CANCELLED', message: 'the query was cancelled' };
}

type Connection = Lease['connection'];

function readWarnings(conn: Connection): Promise<{ level: string; code: number; message: string }[]> {
  return new Promise((resolve) => {
    conn.query(
      { sql: `SHOW WARNINGS LIMIT ${MAX_WARNINGS}`, rowsAsArray: true },
      (err: Error | null, rows: unknown) => {
        if (err || !Array.isArray(rows)) return resolve([]);
        resolve(
          (rows as [string, number | string, string][]).map(([level, code, message]) => ({
            level: String(level),
            code: Number(code),
            message: String(message),
          })),
        );
      },
    );
  });
}

function probe(conn: Connection): Promise<void> {
  return new Promise((resolve) => conn.query('SELECT 1', () => resolve()));
}
