import type { StatementAnalysis } from '@vtdeck/contracts';
import { useCallback, useRef, useState } from 'react';
import { cancelSql, isConfirmationRequired, useRunSql } from '../../../api/sql';
import type { HistoryEntry } from './library';
import { ResultStore, type RunOrigin } from './resultStore';
import { newId } from './storage';
import type { SqlTarget } from './tabs';

export interface RunJob {
  tabId: string;
  sql: string;
  origin: RunOrigin;
  target: SqlTarget & { keyspace: string };
  readOnly: boolean;
  confirmed?: boolean;
}

export interface PendingConfirmation {
  job: RunJob;
  message: string;
  statements: StatementAnalysis[];
}

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/**
 * Runs scripts for the page: one run at a time, each tab with its own result store, a guarded
 * script parked until the user confirms, and every finished run written to the history.
 */
export function useSqlRunner(cluster: string, onHistory: (entry: HistoryEntry) => void) {
  const mutation = useRunSql(cluster);
  const stores = useRef(new Map<string, ResultStore>());
  const running = useRef<{ id: string; controller: AbortController } | null>(null);
  const [runningTab, setRunningTab] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingConfirmation | null>(null);

  const storeOf = useCallback((tabId: string): ResultStore => {
    let s = stores.current.get(tabId);
    if (!s) {
      s = new ResultStore();
      stores.current.set(tabId, s);
    }
    return s;
  }, []);

  const run = useCallback(
    async (job: RunJob) => {
      if (running.current) return;
      const store = storeOf(job.tabId);
      const id = newId();
      const controller = new AbortController();
      running.current = { id, controller };
      setRunningTab(job.tabId);
      store.begin(job.origin);
      let status: HistoryEntry['status'] = 'done';
      try {
        await mutation.mutateAsync({
          req: {
            id,
            keyspace: job.target.keyspace,
            sql: job.sql,
            tabletType: job.target.tabletType,
            shard: job.target.shard || undefined,
            readOnly: job.readOnly || undefined,
            confirmed: job.confirmed || undefined,
          },
          onEvent: (e) => store.apply(e),
          signal: controller.signal,
        });
        store.settle();
      } catch (err) {
        if (isAbort(err)) {
          status = 'cancelled';
          store.cancelled();
        } else {
          status = 'failed';
          store.fail(err);
          if (isConfirmationRequired(err)) {
            setPending({ job, message: err.message, statements: err.statements });
            return;
          }
        }
      } finally {
        running.current = null;
        setRunningTab(null);
      }
      const snap = store.getSnapshot();
      const failed = status === 'done' && snap.results.some((r) => r.error);
      onHistory({
        id,
        sql: job.origin.sql,
        keyspace: job.target.keyspace,
        at: Date.now(),
        status: failed ? 'failed' : status,
        elapsedMs: snap.elapsedMs,
        rows: snap.results.reduce((n, r) => n + r.rows.length, 0),
      });
    },
    [mutation.mutateAsync, onHistory, storeOf],
  );

  const cancel = useCallback(() => {
    const r = running.current;
    if (!r) return;
    // Stop reading at once; the cancel call asks vtgate to stop working too (KILL QUERY).
    r.controller.abort();
    cancelSql(cluster, r.id).catch(() => undefined);
  }, [cluster]);

  const confirm = useCallback(() => {
    const p = pending;
    setPending(null);
    if (p) void run({ ...p.job, confirmed: true });
  }, [pending, run]);

  const decline = useCallback(() => setPending(null), []);

  return { storeOf, run, cancel, runningTab, pending, confirm, decline };
}
