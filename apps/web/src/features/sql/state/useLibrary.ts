import { useCallback, useState } from 'react';
import {
  addHistory,
  type HistoryEntry,
  loadHistory,
  loadSaved,
  type SavedQuery,
  saveHistory,
  storeSaved,
} from './library';
import { newId } from './storage';

/** History and saved queries of the signed-in user, kept in localStorage (the page remounts per user). */
export function useLibrary(user: string | undefined) {
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(user));
  const [saved, setSaved] = useState<SavedQuery[]>(() => loadSaved(user));

  const record = useCallback(
    (entry: HistoryEntry) =>
      setHistory((h) => {
        const next = addHistory(h, entry);
        saveHistory(user, next);
        return next;
      }),
    [user],
  );

  const clearHistory = useCallback(() => {
    saveHistory(user, []);
    setHistory([]);
  }, [user]);

  const save = useCallback(
    (name: string, sql: string, keyspace: string | undefined) =>
      setSaved((s) => {
        // Saving under an existing name replaces that query: names are how users find them.
        const next = [
          { id: newId(), name, sql, keyspace, savedAt: Date.now() },
          ...s.filter((q) => q.name !== name),
        ];
        storeSaved(user, next);
        return next;
      }),
    [user],
  );

  const remove = useCallback(
    (id: string) =>
      setSaved((s) => {
        const next = s.filter((q) => q.id !== id);
        storeSaved(user, next);
        return next;
      }),
    [user],
  );

  return { history, saved, record, clearHistory, save, remove };
}
