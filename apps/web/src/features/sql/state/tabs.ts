import type { SqlTabletType } from '@vtdeck/contracts';
import { newId, readJson, userKey, writeJson } from './storage';

/** What a tab runs against: each tab keeps its own target, like a connection in a desktop client. */
export interface SqlTarget {
  keyspace?: string;
  tabletType: SqlTabletType;
  shard?: string;
}

export interface EditorTab {
  id: string;
  /** Shown as "Query {n}" until the user names the tab. */
  n: number;
  title?: string;
  sql: string;
  target: SqlTarget;
}

export interface TabsState {
  tabs: EditorTab[];
  active: string;
}

const isTabs = (v: unknown): v is TabsState => {
  const s = v as TabsState;
  return (
    !!s &&
    typeof s.active === 'string' &&
    Array.isArray(s.tabs) &&
    s.tabs.length > 0 &&
    s.tabs.every(
      (t) => typeof t?.id === 'string' && typeof t.sql === 'string' && typeof t.target === 'object',
    )
  );
};

export function newTab(n: number, target: SqlTarget, sql = ''): EditorTab {
  return { id: newId(), n, sql, target };
}

/** Tabs are per user and per cluster: a keyspace of `prod` means nothing on `staging`. */
const key = (user: string | undefined, cluster: string) => userKey(`tabs.${cluster}`, user);

export function loadTabs(user: string | undefined, cluster: string): TabsState {
  const fallback = newTab(1, { tabletType: 'primary' }, 'SELECT * FROM product;\n');
  const state = readJson<TabsState>(key(user, cluster), isTabs, { tabs: [fallback], active: fallback.id });
  return state.tabs.some((t) => t.id === state.active)
    ? state
    : { ...state, active: state.tabs[0]?.id ?? '' };
}

export function storeTabs(user: string | undefined, cluster: string, state: TabsState): void {
  writeJson(key(user, cluster), state);
}

/** The next free number, so closing tab 2 of 3 does not make two "Query 3". */
export function nextTabNumber(tabs: EditorTab[]): number {
  return Math.max(0, ...tabs.map((t) => (typeof t.n === 'number' ? t.n : 0))) + 1;
}
