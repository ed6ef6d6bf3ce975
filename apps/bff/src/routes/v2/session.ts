import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type SessionGrant, SessionInfo, SignInOptions, SignInRequest } from '@vtdeck/contracts';
import type { FastifyInstance } from 'fastify';
import { csrfTokenFor } from '../../auth/csrf';
import { DEMO_ADMIN_TOKEN, DEMO_USERS } from '../../auth/demo-auth';
import { grantAppliesTo } from '../../auth/grants';
import type { RequestAuth } from '../../auth/plugin';
import { SESSION_COOKIE, sessionCookieOptions } from '../../auth/session-token';
import { signInRateLimit } from '../../auth/sign-in-rate-limit';
import { AppError } from '../../http/app-error';

export const OIDC_LOGIN_PATH = '/api/v2/session/oidc/login';

/**
 * The session: `POST /session` signs in with a password (rate limited per client and username) and
 * sets the httpOnly cookie; `GET /session` says who is asking and which grants apply; `DELETE
 * /session` clears the cookie; `GET /session/options` tells the sign-in page what it may offer.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/session',
    {
      config: { public: true, rateLimit: signInRateLimit() },
      schema: { body: SignInRequest, response: { 200: SessionInfo } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const principal = await app.auth.directory.signIn(username, password);
      if (!principal) throw new AppError(401, 'INVALID_CREDENTIALS', 'Invalid username or password');
      const { token, session } = app.auth.codec.issue({
        sub: principal.name,
        kind: 'user',
        groups: [...principal.groups],
        via: 'password',
      });
      reply.setCookie(
        SESSION_COOKIE,
        token,
        sessionCookieOptions({
          secure: app.auth.secureCookies(request),
          maxAgeSeconds: app.auth.codec.ttlSeconds,
        }),
      );
      request.log.info({ user: principal.name }, 'signed in');
      return sessionInfo(app, { principal, via: 'cookie', session });
    },
  );

  app.get(
    '/session',
    { config: { public: true }, schema: { response: { 200: SessionInfo } } },
    async (request) => {
      if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED', 'nobody is signed in');
      return sessionInfo(app, request.auth);
    },
  );

  app.delete('/session', async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/session/options',
    { config: { public: true }, schema: { response: { 200: SignInOptions } } },
    async () => {
      const sandbox = app.auth.settings.sandbox;
      return {
        sandbox,
        demoUsers: sandbox ? DEMO_USERS.map((u) => ({ ...u })) : [],
        ...(sandbox ? { demoToken: DEMO_ADMIN_TOKEN } : {}),
        oidc: app.auth.oidc ? { enabled: true, loginUrl: OIDC_LOGIN_PATH } : { enabled: false },
      };
    },
  );
};

/** What the browser learns about its session; the grants are only those naming this principal. */
export function sessionInfo(app: FastifyInstance, auth: RequestAuth): SessionInfo {
  const { principal, session } = auth;
  const grants: SessionGrant[] = (app.auth.settings.directory.grants ?? [])
    .filter((g) => grantAppliesTo(g, principal))
    .map(({ role, keyspaces, namespaces, clusters }) => ({
      role,
      ...(keyspaces ? { keyspaces } : {}),
      ...(namespaces ? { namespaces } : {}),
      ...(clusters ? { clusters } : {}),
    }));
  return {
    user: {
      name: principal.name,
      kind: principal.kind,
      groups: [...principal.groups],
      via: auth.via === 'cookie' ? 'password' : auth.via,
    },
    ...(session
      ? { csrfToken: csrfTokenFor(session), expiresAt: new Date(session.exp * 1000).toISOString() }
      : {}),
    grants,
  };
}
