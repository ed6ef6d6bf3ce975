import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '@vtdeck/contracts';
import { apiFetch } from './http';

/** The filters of the audit page; every one optional. Times are ISO 8601. */
export interface AuditFilters {
  user?: string | undefined;
  keyspace?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (f: AuditFilters) =>
    [...auditKeys.all, 'list', f.user ?? '', f.keyspace ?? '', f.since ?? '', f.until ?? ''] as const,
};

export const AUDIT_PAGE_SIZE = 100;

export function auditSearch(f: AuditFilters, cursor?: string, limit = AUDIT_PAGE_SIZE): string {
  const q = new URLSearchParams();
  for (const key of ['user', 'keyspace', 'since', 'until'] as const) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export function fetchAuditPage(f: AuditFilters, cursor?: string, signal?: AbortSignal): Promise<AuditPage> {
  return apiFetch<AuditPage>(`/api/v2/audit?${auditSearch(f, cursor)}`, { signal });
}

/** Newest first; each "load more" follows the BFF's opaque `nextCursor`. */
export const auditQueryOptions = (f: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(f),
    queryFn: ({ pageParam, signal }) => fetchAuditPage(f, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 10_000,
  });

export function useAuditLog(f: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(f));
}
