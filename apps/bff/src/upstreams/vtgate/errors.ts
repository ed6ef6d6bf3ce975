import type { UpstreamErrorKind } from '@vtdeck/contracts';
import { UNREACHABLE_CODES, UpstreamError } from '../upstream-error';

// The one boundary function of the vtgate client: connection-level mysql2 failures become an
// UpstreamError. Errors of a statement (errno + SQLSTATE) are not failures of the upstream: the
// executor reports them to the user as they are.

// mysql2 adds its own: the server went away mid-query, or the pool was closed under us.
const UNREACHABLE = new Set([...UNREACHABLE_CODES, 'PROTOCOL_CONNECTION_LOST', 'POOL_CLOSED']);

export function upstreamKind(err: unknown): UpstreamErrorKind {
  const e = err as { code?: string; errno?: number; message?: string };
  if (e.code && UNREACHABLE.has(e.code)) return 'unreachable';
  if (e.code === 'ETIMEDOUT' || e.code === 'PROTOCOL_SEQUENCE_TIMEOUT') return 'timeout';
  if (e.errno === 1045 || e.code === 'ER_ACCESS_DENIED_ERROR') return 'unauthorized';
  return 'upstream_5xx';
}

export function toUpstreamError(err: unknown, cluster: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const kind = upstreamKind(err);
  const detail = (err as Error).message || String(err);
  const message =
    (err as Error).message === 'Queue limit reached.'
      ? `vtgate of cluster ${cluster}: every connection is busy and the wait queue is full`
      : `vtgate of cluster ${cluster}: ${detail}`;
  return new UpstreamError({ source: 'vtgate', cluster, kind, message, cause: err });
}
