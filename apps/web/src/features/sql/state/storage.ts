/** localStorage that never throws: private mode or a full quota only means nothing is kept. */
export function readJson<T>(key: string, valid: (v: unknown) => v is T, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: kept for this page only
  }
}

/** Keys are per user: two people sharing a browser do not see each other's queries. */
export function userKey(area: string, user: string | undefined): string {
  return `vtdeck.sql.${area}:${user ?? 'anonymous'}`;
}

export function newId(): string {
  // getRandomValues works on plain-http origins too, where crypto.randomUUID does not exist.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
