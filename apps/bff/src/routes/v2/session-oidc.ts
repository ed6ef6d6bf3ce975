import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  OIDC_TRANSIENT_COOKIE,
  OidcError,
  oidcSessionClaims,
  oidcTransientCookieOptions,
} from '../../auth/oidc';
import { SESSION_COOKIE, sessionCookieOptions } from '../../auth/session-token';

const SIGN_IN_PAGE = '/signin';

/**
 * OIDC single sign-on (only when `auth.oidc` is configured). Both routes are browser navigations:
 * they answer redirects, never JSON. Login sends the browser to the provider with the state, nonce
 * and PKCE verifier sealed in a short-lived cookie; the callback checks them, opens a session and
 * sends the browser to `/`, or to `/signin?error=<code>` when anything failed.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const oidc = app.auth.oidc;
  if (!oidc) return;
  const failed = (code: string) => `${SIGN_IN_PAGE}?error=${encodeURIComponent(code)}`;

  app.get('/session/oidc/login', { config: { public: true } }, async (request, reply) => {
    try {
      const login = await oidc.client.authorizationUrl();
      reply.setCookie(
        OIDC_TRANSIENT_COOKIE,
        oidc.transient.seal(login),
        oidcTransientCookieOptions({ secure: app.auth.secureCookies(request) }),
      );
      return reply.redirect(login.url);
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      request.log.warn({ code: err.code, msg: err.message }, 'OIDC login failed');
      return reply.redirect(failed(err.code));
    }
  });

  app.get('/session/oidc/callback', { config: { public: true } }, async (request, reply) => {
    const secure = app.auth.secureCookies(request);
    const cookie = request.cookies[OIDC_TRANSIENT_COOKIE];
    reply.clearCookie(OIDC_TRANSIENT_COOKIE, { path: oidcTransientCookieOptions({ secure }).path });
    try {
      const identity = await oidc.client.callback(request.url, oidc.transient.unseal(cookie));
      const { token } = app.auth.codec.issue(oidcSessionClaims(identity));
      reply.setCookie(
        SESSION_COOKIE,
        token,
        sessionCookieOptions({ secure, maxAgeSeconds: app.auth.codec.ttlSeconds }),
      );
      request.log.info({ user: identity.username }, 'signed in with OIDC');
      return reply.redirect('/');
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      request.log.warn({ code: err.code, msg: err.message }, 'OIDC sign-in failed');
      return reply.redirect(failed(err.code));
    }
  });
};
