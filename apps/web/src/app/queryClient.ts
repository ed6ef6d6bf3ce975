import { QueryClient } from '@tanstack/react-query';
import { isRetryable } from '../api/errors';

/** Tests (vitest, or an e2e run that adds `?noretry`) want the first failure, not three. */
function retriesDisabled(): boolean {
  if (import.meta.env.MODE === 'test') return true;
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('noretry');
}

const MAX_RETRIES = 2;

/** The retry rules of the whole app, in one place: only outages are retried, never a 4xx. */
export function retryPolicy(failureCount: number, error: unknown): boolean {
  return !retriesDisabled() && failureCount < MAX_RETRIES && isRetryable(error);
}

export function createQueryClient(): QueryClient {
  const retry = retriesDisabled() ? false : retryPolicy;
  return new QueryClient({
    defaultOptions: {
      queries: { retry, refetchOnWindowFocus: true },
      // A write is never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
}
