const KEY = 'vtdeck.vtctl.history';
const MAX = 50;

/** Command lines run in the console, newest first, kept per browser (not per cluster: DBAs reuse them). */
export function loadHistory(): string[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function pushHistory(history: string[], line: string): string[] {
  const next = [line, ...history.filter((h) => h !== line)].slice(0, MAX);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage unavailable: history lasts for this page only
  }
  return next;
}
