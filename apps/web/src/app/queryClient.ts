import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isRetryable, toApiError } from '../api/errors';
import { forgetExpiredSession } from '../api/session';

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
  // One place notices that the session ended: any 401, from a read or a write, signs the browser out,
  // and the route guard takes the user to the sign-in page with `next` set to where they were.
  const onError = (error: unknown) => {
    if (toApiError(error).status === 401) forgetExpiredSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry, refetchOnWindowFocus: true },
      // A write is never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
  return client;
}
