import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, SignInOptions, SignInRequest } from '@vtdeck/contracts';
import { ApiError } from './errors';
import { apiFetch, setCsrfToken } from './http';

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
  options: () => [...sessionKeys.all, 'options'] as const,
};

/** Keeps the CSRF token of `http.ts` in step with the session the app believes in. */
function adopt(info: SessionInfo | null): SessionInfo | null {
  setCsrfToken(info?.csrfToken);
  return info;
}

/** Who is signed in; `null` when nobody is (401), which is an answer and not an error. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return adopt(await apiFetch<SessionInfo>('/api/v2/session', { signal }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return adopt(null);
    throw err;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current(),
    queryFn: ({ signal }) => fetchSession(signal),
    // Expiry shows up as a 401 on any call (see queryClient), so the session itself is rarely re-read.
    staleTime: 5 * 60_000,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}

export function fetchSignInOptions(signal?: AbortSignal): Promise<SignInOptions> {
  return apiFetch<SignInOptions>('/api/v2/session/options', { signal });
}

export const signInOptionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.options(),
    queryFn: ({ signal }) => fetchSignInOptions(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useSignInOptions() {
  return useQuery(signInOptionsQueryOptions());
}

/**
 * Signs in with a password. Everything cached belongs to whoever was signed in before (the BFF
 * filters what each user sees), so it is dropped before the new session is stored.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation<SessionInfo, ApiError, SignInRequest>({
    mutationFn: (body) => apiFetch<SessionInfo>('/api/v2/session', { json: body }),
    onSuccess: (info) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.current(), adopt(info));
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => apiFetch<void>('/api/v2/session', { method: 'DELETE' }),
    // Signed out on the server or not (an expired session answers 401), the browser forgets it.
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.current(), adopt(null));
    },
  });
}

/**
 * A 401 from any other call means the session ended under us (expired, key rotated, user removed):
 * forget it, and the route guard sends the user to the sign-in page with the current path as `next`.
 */
export function forgetExpiredSession(queryClient: QueryClient): void {
  if (queryClient.getQueryData(sessionKeys.current())) {
    queryClient.setQueryData(sessionKeys.current(), adopt(null));
  }
}
