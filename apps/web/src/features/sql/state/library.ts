import { readJson, userKey, writeJson } from './storage';

/** Per user, newest first, at most this many: enough for weeks of work, small enough for localStorage. */
export const HISTORY_MAX = 500;

export interface HistoryEntry {
  id: string;
  sql: string;
  keyspace: string;
  at: number;
  status: 'done' | 'failed' | 'cancelled';
  elapsedMs?: number;
  rows?: number;
}

export interface SavedQuery {
  id: string;
  name: string;
  sql: string;
  keyspace?: string;
  savedAt: number;
}

const isArrayOf =
  <T>(check: (v: Record<string, unknown>) => boolean) =>
  (v: unknown): v is T[] =>
    Array.isArray(v) &&
    v.every((x) => typeof x === 'object' && x !== null && check(x as Record<string, unknown>));

const isHistory = isArrayOf<HistoryEntry>((x) => typeof x.sql === 'string' && typeof x.at === 'number');
const isSaved = isArrayOf<SavedQuery>((x) => typeof x.sql === 'string' && typeof x.name === 'string');

export function loadHistory(user: string | undefined): HistoryEntry[] {
  return readJson(userKey('history', user), isHistory, []).slice(0, HISTORY_MAX);
}

/** Adds a run; running the same text again moves it to the top instead of repeating it. */
export function addHistory(list: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const sameText = (h: HistoryEntry) => h.sql === entry.sql && h.keyspace === entry.keyspace;
  return [entry, ...list.filter((h) => !sameText(h))].slice(0, HISTORY_MAX);
}

export function saveHistory(user: string | undefined, list: HistoryEntry[]): void {
  writeJson(userKey('history', user), list);
}

/** Every word of the search must appear, in the text or the keyspace, in any order. */
export function searchHistory<T extends { sql: string; keyspace?: string; name?: string }>(
  list: T[],
  query: string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return list;
  return list.filter((h) => {
    const hay = `${h.name ?? ''} ${h.keyspace ?? ''} ${h.sql}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function loadSaved(user: string | undefined): SavedQuery[] {
  return readJson(userKey('saved', user), isSaved, []);
}

export function storeSaved(user: string | undefined, list: SavedQuery[]): void {
  writeJson(userKey('saved', user), list);
}
