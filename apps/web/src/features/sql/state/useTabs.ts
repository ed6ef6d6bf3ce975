import { useCallback, useEffect, useState } from 'react';
import {
  type EditorTab,
  loadTabs,
  newTab,
  nextTabNumber,
  type SqlTarget,
  storeTabs,
  type TabsState,
} from './tabs';

/** Writes wait for a pause in typing: one localStorage write per burst, not per key. */
const SAVE_DELAY_MS = 400;

/** The editor tabs of this user on this cluster, restored after a reload (the page remounts per user and cluster). */
export function useTabs(user: string | undefined, cluster: string) {
  const [state, setState] = useState<TabsState>(() => loadTabs(user, cluster));

  useEffect(() => {
    const timer = setTimeout(() => storeTabs(user, cluster, state), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [user, cluster, state]);

  // Leaving the page inside the delay must not lose the last keystrokes.
  useEffect(() => {
    const flush = () => storeTabs(user, cluster, state);
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [user, cluster, state]);

  const active = state.tabs.find((t) => t.id === state.active) ?? (state.tabs[0] as EditorTab);

  const update = useCallback(
    (id: string, patch: Partial<EditorTab>) =>
      setState((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
    [],
  );

  const add = useCallback(
    (sql = '', target?: SqlTarget) =>
      setState((s) => {
        const from = s.tabs.find((t) => t.id === s.active)?.target ?? { tabletType: 'primary' as const };
        const tab = newTab(nextTabNumber(s.tabs), target ?? from, sql);
        return { tabs: [...s.tabs, tab], active: tab.id };
      }),
    [],
  );

  const close = useCallback(
    (id: string) =>
      setState((s) => {
        if (s.tabs.length === 1) {
          // The last tab is never gone: closing it starts an empty one on the same target.
          const fresh = newTab(1, (s.tabs[0] as EditorTab).target);
          return { tabs: [fresh], active: fresh.id };
        }
        const i = s.tabs.findIndex((t) => t.id === id);
        const tabs = s.tabs.filter((t) => t.id !== id);
        const active = s.active === id ? (tabs[Math.max(0, i - 1)] as EditorTab).id : s.active;
        return { tabs, active };
      }),
    [],
  );

  const select = useCallback((id: string) => setState((s) => ({ ...s, active: id })), []);

  return { tabs: state.tabs, active, update, add, close, select };
}
