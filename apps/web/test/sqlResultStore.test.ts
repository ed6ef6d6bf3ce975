import type { SqlCell } from '@vtdeck/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addHistory, HISTORY_MAX, type HistoryEntry, searchHistory } from '../src/features/sql/state/library';
import { NOTIFY_MS, ResultStore } from '../src/features/sql/state/resultStore';

describe('ResultStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const origin = { base: 0, prefix: 0, sql: 'select 1' };
  const batch = (n: number, from = 0): SqlCell[][] => Array.from({ length: n }, (_, i) => [String(from + i)]);

  it('appends batches in place and repaints at most every 100 ms', () => {
    const store = new ResultStore();
    const seen = vi.fn();
    store.subscribe(seen);
    store.begin(origin);
    expect(seen).toHaveBeenCalledTimes(1);
    store.apply({ type: 'resultset', statement: 0, sql: 'select 1', columns: [{ name: 'a', type: 'INT' }] });
    for (let i = 0; i < 100; i++) store.apply({ type: 'rows', statement: 0, rows: batch(1000, i * 1000) });
    // 101 events inside one interval: one repaint scheduled, none yet.
    expect(seen).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(NOTIFY_MS);
    expect(seen).toHaveBeenCalledTimes(2);
    const snap = store.getSnapshot();
    expect(snap.results[0]?.rows.length).toBe(100_000);
    expect(snap.results[0]?.rows[99_999]).toEqual(['99999']);
  });

  it('shows the end of a run at once, with counts, errors and the elapsed time', () => {
    const store = new ResultStore();
    store.begin(origin);
    store.apply({
      type: 'done',
      statement: 0,
      rowCount: 0,
      rowsAffected: 5,
      warnings: [],
      elapsedMs: 4,
      truncated: false,
    });
    store.apply({ type: 'error', statement: 1, code: 'ER_NO_SUCH_TABLE', errno: 1146, message: 'no table' });
    store.apply({ type: 'end', elapsedMs: 9 });
    const snap = store.getSnapshot();
    expect(snap.status).toBe('done');
    expect(snap.elapsedMs).toBe(9);
    expect(snap.results.map((r) => [r.statement, r.done?.rowsAffected, r.error?.errno])).toEqual([
      [0, 5, undefined],
      [1, undefined, 1146],
    ]);
  });

  it('starts afresh on the next run', () => {
    const store = new ResultStore();
    store.begin(origin);
    store.apply({ type: 'rows', statement: 0, rows: batch(3) });
    store.cancelled();
    expect(store.getSnapshot().status).toBe('cancelled');
    store.begin(origin);
    expect(store.getSnapshot()).toMatchObject({ status: 'running', results: [] });
  });
});

describe('history', () => {
  const entry = (i: number, sql = `select ${i}`): HistoryEntry => ({
    id: String(i),
    sql,
    keyspace: 'commerce',
    at: i,
    status: 'done',
  });

  it('keeps the newest 500 and moves a repeated query to the top', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 600; i++) list = addHistory(list, entry(i));
    expect(list.length).toBe(HISTORY_MAX);
    expect(list[0]?.sql).toBe('select 599');
    list = addHistory(list, entry(1000, 'select 300'));
    expect(list.length).toBe(HISTORY_MAX);
    expect(list[0]?.id).toBe('1000');
    expect(list.filter((h) => h.sql === 'select 300')).toHaveLength(1);
  });

  it('searches every word, in any order', () => {
    const list = [entry(1, 'SELECT * FROM product'), entry(2, 'delete from corder where id=1')];
    expect(searchHistory(list, 'product select').map((h) => h.id)).toEqual(['1']);
    expect(searchHistory(list, 'commerce').length).toBe(2);
    expect(searchHistory(list, '').length).toBe(2);
  });
});
