import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Session } from './session-token';

/**
 * CSRF for cookie sessions: the token is an HMAC of a constant under the session's private CSRF
 * secret. The browser learns it from the session endpoint (a JSON body another site cannot read) and
 * sends it back in `x-csrf-token` on every write. A forged cross-site request carries the cookie but
 * cannot know the token. Bearer-token requests carry no ambient credential, so they need no token.
 */

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfTokenFor(session: Pick<Session, 'csrf'>): string {
  return createHmac('sha256', session.csrf).update('vtdeck-csrf-v1').digest('base64url');
}

export function verifyCsrfToken(
  session: Pick<Session, 'csrf'>,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const want = Buffer.from(csrfTokenFor(session));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Whether a request must carry a valid CSRF token: cookie-authenticated and not a safe method. */
export function needsCsrfCheck(method: string, authVia: 'cookie' | 'token' | 'oidc'): boolean {
  return authVia !== 'token' && !SAFE_METHODS.has(method.toUpperCase());
}
