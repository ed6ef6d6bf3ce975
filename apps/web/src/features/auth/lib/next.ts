/**
 * Where to go after signing in. `next` comes from the URL, so anyone can craft it: only a path of
 * this app is accepted (no `//host`, no `/\host`, no scheme, no tab tricks), and never the sign-in page.
 */
export const SIGN_IN_PATH = '/signin';

// Resolving against a made-up origin is how the browser itself would read the path, tricks included.
const PROBE = 'http://vtdeck.invalid';

export function safeNext(raw: string | null | undefined): string {
  if (!raw?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(raw, PROBE);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE) return '/';
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(from: { pathname: string; search?: string; hash?: string }): string {
  const next = `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
  return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

export type GuardDecision =
  | { kind: 'wait' }
  | { kind: 'error' }
  | { kind: 'allow' }
  | { kind: 'redirect'; to: string };

/** What the route guard does with the state of the session query. */
export function guardDecision(
  query: { status: 'pending' | 'error' | 'success'; data: unknown },
  from: { pathname: string; search?: string; hash?: string },
): GuardDecision {
  // A failed refetch keeps the old session: a BFF restart must not throw the user out.
  if (query.data) return { kind: 'allow' };
  if (query.status === 'pending') return { kind: 'wait' };
  if (query.status === 'error') return { kind: 'error' };
  return { kind: 'redirect', to: signInPath(from) };
}
