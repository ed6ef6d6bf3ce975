import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/app-error';
import { isApiPath } from '../http/web';
import { type AuditLog, type AuthVia, openAuditLog } from './audit-log';
import { CSRF_HEADER, needsCsrfCheck, verifyCsrfToken } from './csrf';
import { createGrantPolicy, type GrantPolicy, type Principal } from './grants';
import {
  createOidc,
  createOidcTransientCodec,
  type Oidc,
  type OidcTransientCodec,
  oidcSessionPrincipal,
} from './oidc';
import {
  createSessionCodec,
  SESSION_COOKIE,
  type Session,
  type SessionCodec,
  sessionCookieOptions,
} from './session-token';
import type { AuthSettings } from './settings';
import { createTabletResolver, type TabletKeyspaceResolver } from './tablet-resolver';
import { bearerToken, createUserDirectory, type UserDirectory } from './users';

/**
 * Who is asking, on every request: an `Authorization: Bearer` API token (service accounts) or the
 * session cookie. Every /api route answers 401 without one, except routes marked
 * `config: { public: true }` (sign-in, session options, OIDC). Cookie-authenticated writes must
 * carry the session's CSRF token. Sessions past half their life get a renewed cookie.
 */

export interface RequestAuth {
  principal: Principal;
  via: AuthVia;
  /** the cookie session (absent for API tokens) */
  session?: Session;
}

export interface AuthService {
  readonly settings: AuthSettings;
  readonly directory: UserDirectory;
  readonly policy: GrantPolicy;
  readonly codec: SessionCodec;
  readonly audit: AuditLog;
  readonly oidc?: { client: Oidc; transient: OidcTransientCodec };
  readonly resolveTabletKeyspace: TabletKeyspaceResolver;
  /** Secure cookies: as configured, else when the request came over https. */
  secureCookies(request: FastifyRequest): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyRequest {
    /** null: nobody signed in (only public routes get this far) */
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean;
  }
}

export const authPlugin = fp<{ settings: AuthSettings }>(
  async (app, { settings }) => {
    await app.register(fastifyCookie);
    const audit = await openAuditLog(settings.auditLogPath);
    app.addHook('onClose', () => audit.close());
    const service: AuthService = {
      settings,
      directory: createUserDirectory(settings.directory),
      policy: createGrantPolicy(settings.directory.grants ?? []),
      codec: createSessionCodec(settings.session),
      audit,
      ...(settings.oidc
        ? {
            oidc: {
              client: createOidc(settings.oidc),
              transient: createOidcTransientCodec({ secrets: settings.session.secrets }),
            },
          }
        : {}),
      resolveTabletKeyspace: createTabletResolver(app),
      secureCookies: (request) => settings.session.secure ?? request.protocol === 'https',
    };
    app.decorate('auth', service);
    app.decorateRequest('auth', null);

    // Callback-style, not async: it runs on every request (bench/proxy.ts).
    app.addHook('onRequest', (request, reply, done) => {
      let failure: AppError | undefined;
      try {
        failure = check(service, request, reply);
      } catch (err) {
        return done(err as Error);
      }
      done(failure);
    });
  },
  { name: 'vtdeck-auth', fastify: '5.x', dependencies: ['vtdeck-vtctld'] },
);

/** Who is asking, and whether they may get this far: the 401/403 to answer, or nothing. */
function check(service: AuthService, request: FastifyRequest, reply: FastifyReply): AppError | undefined {
  const problem = identify(service, request, reply);
  if (!needsSignIn(request)) return undefined;
  const auth = request.auth;
  if (!auth) return new AppError(401, 'UNAUTHENTICATED', problem);
  if (auth.session && needsCsrfCheck(request.method, auth.via)) {
    const header = request.headers[CSRF_HEADER];
    if (!verifyCsrfToken(auth.session, header)) {
      return new AppError(
        403,
        'CSRF',
        header
          ? `the ${CSRF_HEADER} header does not match this session; reload the page and try again`
          : `the ${CSRF_HEADER} header is missing; every write with a session cookie must send the csrfToken of GET /api/v2/session`,
      );
    }
  }
  return undefined;
}

// Decided by the matched route's pattern, not the raw URL, so no spelling of a path
// (`/%61pi/...`) can reach an /api route unchecked; unmatched URLs under /api answer 401 too.
function needsSignIn(request: FastifyRequest): boolean {
  const options = request.routeOptions; // a getter that builds a new object: read once
  const route = options.url;
  if (route === undefined) return isApiPath(request.url);
  return isApiPath(route) && !options.config?.public;
}

/** Sets `request.auth`; answers why nobody is signed in (for the 401). */
function identify(service: AuthService, request: FastifyRequest, reply: FastifyReply): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = bearerToken(header);
    const principal = token ? service.directory.fromApiToken(token) : null;
    if (!principal) return 'the API token is not valid (Authorization: Bearer <token> of a service account)';
    request.auth = { principal, via: 'token' };
    return '';
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return 'sign in first (POST /api/v2/session), or send an API token';
  const verified = service.codec.verify(cookie);
  if (!verified.ok) {
    return verified.reason === 'expired'
      ? 'your session has expired; sign in again'
      : 'your session is not valid any more; sign in again';
  }
  let session = verified.session;
  const principal =
    session.via === 'oidc' ? oidcSessionPrincipal(session) : service.directory.findUser(session.sub);
  if (!principal) return `user "${session.sub}" no longer exists; sign in again`;
  if (service.codec.shouldRenew(session)) {
    const renewed = service.codec.renew(session);
    session = renewed.session;
    reply.setCookie(
      SESSION_COOKIE,
      renewed.token,
      sessionCookieOptions({
        secure: service.secureCookies(request),
        maxAgeSeconds: service.codec.ttlSeconds,
      }),
    );
  }
  request.auth = { principal, via: session.via === 'oidc' ? 'oidc' : 'cookie', session };
  return '';
}
