import type { AuditFilters } from '../../../api/audit';

const KEYS = ['user', 'keyspace', 'since', 'until'] as const;

function isoOrUndefined(v: string | null): string | undefined {
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The audit filters live in the URL (shareable, survive reload); anything unparsable is dropped. */
export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const text = (k: string) => search.get(k)?.trim() || undefined;
  return {
    user: text('user'),
    keyspace: text('keyspace'),
    since: isoOrUndefined(search.get('since')),
    until: isoOrUndefined(search.get('until')),
  };
}

/** Applies a change to the current search, keeping unrelated parameters (e.g. `noretry`). */
export function withFilters(prev: URLSearchParams, change: Partial<AuditFilters>): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const k of KEYS) {
    if (!(k in change)) continue;
    const v = change[k]?.trim();
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next;
}

export function hasFilters(f: AuditFilters): boolean {
  return KEYS.some((k) => !!f[k]);
}
