import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import * as client from 'openid-client';
import { AppError } from '../http/app-error';
import type { Principal } from './grants';
import { type OidcConfig, resolveOidcConfig } from './oidc-config';
import type { Session, SessionClaims } from './session-token';

/**
 * OIDC sign-in (authorization code + PKCE S256, state and nonce) with `openid-client`.
 *
 * The BFF stays stateless: `authorizationUrl()` returns the state, nonce and PKCE verifier with the
 * URL, the route seals them into a short-lived cookie (`createOidcTransientCodec`), and `callback()`
 * gets them back from that cookie. Discovery runs on first use and is retried after a failure, so the
 * BFF starts even while the provider is down.
 */

export type OidcErrorCode =
  | 'OIDC_STATE_MISSING'
  | 'OIDC_STATE_INVALID'
  | 'OIDC_STATE_EXPIRED'
  | 'OIDC_STATE_MISMATCH'
  | 'OIDC_DENIED'
  | 'OIDC_CODE_INVALID'
  | 'OIDC_CLAIM_INVALID'
  | 'OIDC_PROVIDER_UNREACHABLE'
  | 'OIDC_DISCOVERY_FAILED'
  | 'OIDC_CLIENT_REJECTED'
  | 'OIDC_PROVIDER_ERROR'
  | 'OIDC_RESPONSE_INVALID';

// The browser's fault (a stale or forged round trip) is 4xx; the provider's or our config's is 502.
const STATUS: Record<OidcErrorCode, number> = {
  OIDC_STATE_MISSING: 400,
  OIDC_STATE_INVALID: 400,
  OIDC_STATE_EXPIRED: 400,
  OIDC_STATE_MISMATCH: 400,
  OIDC_DENIED: 401,
  OIDC_CODE_INVALID: 400,
  OIDC_CLAIM_INVALID: 403,
  OIDC_PROVIDER_UNREACHABLE: 502,
  OIDC_DISCOVERY_FAILED: 502,
  OIDC_CLIENT_REJECTED: 502,
  OIDC_PROVIDER_ERROR: 502,
  OIDC_RESPONSE_INVALID: 502,
};

/** An `AppError`, so the app's error handler answers it with its status and code as is. */
export class OidcError extends AppError {
  declare readonly code: OidcErrorCode;
  constructor(code: OidcErrorCode, message: string, cause?: unknown) {
    super(STATUS[code], code, message);
    if (cause !== undefined) this.cause = cause;
  }
}

// ---- transient state cookie ----

export interface OidcTransient {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export const OIDC_TRANSIENT_COOKIE = 'vtdeck_oidc';
export const OIDC_TRANSIENT_TTL_SECONDS = 600;

/**
 * Path `/api/v2/session/oidc`: the cookie goes only to the login and callback routes. SameSite=Lax
 * (not Strict): the callback is a top-level GET navigation coming from the provider's site.
 */
export function oidcTransientCookieOptions(opts: { secure: boolean }) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secure,
    path: '/api/v2/session/oidc',
    maxAge: OIDC_TRANSIENT_TTL_SECONDS,
  };
}

export interface OidcTransientCodec {
  seal(transient: OidcTransient): string;
  /** Throws `OidcError` (STATE_MISSING / STATE_INVALID / STATE_EXPIRED). */
  unseal(token: string | undefined): OidcTransient;
}

const TRANSIENT_VERSION = 'o1';

/**
 * AES-256-GCM with the session secrets, but keys derived under another HKDF label: a transient
 * cookie can never pass as a session or the other way round. The first secret seals; all open.
 */
export function createOidcTransientCodec(options: {
  secrets: readonly string[];
  ttlSeconds?: number;
  now?: () => number;
}): OidcTransientCodec {
  if (options.secrets.length === 0) throw new Error('oidc transient cookie: at least one secret is required');
  const keys = options.secrets.map((secret) => {
    const key = Buffer.from(hkdfSync('sha256', secret, 'vtdeck', 'vtdeck-oidc-transient-v1', 32));
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  });
  const current = keys[0]!;
  const ttl = options.ttlSeconds ?? OIDC_TRANSIENT_TTL_SECONDS;
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);
  const invalid = () =>
    new OidcError('OIDC_STATE_INVALID', 'the sign-in state cookie is not valid; start the sign-in again');

  return {
    seal(t) {
      const header = `${TRANSIENT_VERSION}.${current.id}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(header));
      const payload = JSON.stringify({ s: t.state, n: t.nonce, v: t.codeVerifier, exp: nowSeconds() + ttl });
      const body = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
      return [header, iv, body, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    unseal(token) {
      if (!token) {
        throw new OidcError(
          'OIDC_STATE_MISSING',
          'no sign-in state cookie: start the sign-in again (cookies must be enabled)',
        );
      }
      const parts = token.split('.');
      if (parts.length !== 5 || parts[0] !== TRANSIENT_VERSION) throw invalid();
      const [version, keyId, iv, body, tag] = parts as [string, string, string, string, string];
      const key = keys.find((k) => k.id === keyId);
      if (!key) throw invalid();
      let p: Record<string, unknown>;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(`${version}.${keyId}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
        p = JSON.parse(plain.toString('utf8'));
      } catch {
        throw invalid();
      }
      const { s, n, v, exp } = p;
      if (typeof s !== 'string' || typeof n !== 'string' || typeof v !== 'string') throw invalid();
      if (!Number.isInteger(exp)) throw invalid();
      if ((exp as number) <= nowSeconds()) {
        throw new OidcError('OIDC_STATE_EXPIRED', 'the sign-in took longer than 10 minutes; start it again');
      }
      return { state: s, nonce: n, codeVerifier: v };
    },
  };
}

// ---- the flow ----

export interface OidcLogin extends OidcTransient {
  /** where to send the browser (302) */
  url: string;
}

export interface OidcIdentity {
  username: string;
  groups: string[];
  /** ID token claims, completed from userinfo when the username or groups claim was not in it */
  claims: Record<string, unknown>;
}

export interface Oidc {
  authorizationUrl(): Promise<OidcLogin>;
  /**
   * `currentUrl`: the URL the browser came back on; a relative `req.url` is fine. Only its query is
   * used, on top of `redirectUri`, so a forged Host header cannot change what is sent to the provider.
   */
  callback(currentUrl: URL | string, transient: OidcTransient): Promise<OidcIdentity>;
}

// Same names as users.ts and grants.ts subjects: a name no grant could hold is of no use in a session.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
// A session cookie must stay under 4 KB; more groups than this would not fit.
const MAX_GROUPS = 100;

export function createOidc(config: OidcConfig, options: { timeoutSeconds?: number } = {}): Oidc {
  const c = resolveOidcConfig(config);
  let discovered: Promise<client.Configuration> | undefined;

  const discover = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(c.issuer), c.clientId, undefined, client.ClientSecretPost(c.clientSecret), {
        execute: c.allowInsecureHttp ? [client.allowInsecureRequests] : [],
        timeout: options.timeoutSeconds ?? 10,
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw isNetworkError(err)
          ? new OidcError('OIDC_PROVIDER_UNREACHABLE', `OIDC provider ${c.issuer} is unreachable`, err)
          : new OidcError(
              'OIDC_DISCOVERY_FAILED',
              `OIDC discovery at ${c.issuer} failed: ${messageOf(err)}`,
              err,
            );
      });
    return discovered;
  };

  const identityFrom = (claims: Record<string, unknown>): OidcIdentity => {
    const username = claims[c.usernameClaim];
    if (typeof username !== 'string' || !NAME.test(username)) {
      throw new OidcError(
        'OIDC_CLAIM_INVALID',
        `the provider sent no usable "${c.usernameClaim}" claim (a name of letters, digits, ._@-)`,
      );
    }
    const raw = claims[c.groupsClaim];
    const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
    const groups = [...new Set(list.filter((g): g is string => typeof g === 'string' && NAME.test(g)))];
    if (groups.length > MAX_GROUPS) {
      throw new OidcError(
        'OIDC_CLAIM_INVALID',
        `the "${c.groupsClaim}" claim has ${groups.length} groups, more than ${MAX_GROUPS} fit a session: narrow it at the provider`,
      );
    }
    return { username, groups, claims };
  };

  return {
    async authorizationUrl() {
      const oidc = await discover();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: c.redirectUri,
        response_type: 'code',
        scope: c.scopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    async callback(currentUrl, transient) {
      const query = new URL(currentUrl, c.redirectUri).searchParams;
      const returned = new URL(c.redirectUri);
      returned.search = query.toString();

      // Checked here before the library does, so a forged round trip gets its own clear answer.
      const state = query.get('state');
      if (state === null || !sameString(state, transient.state)) {
        throw new OidcError(
          'OIDC_STATE_MISMATCH',
          'the sign-in answer does not belong to this browser session (state mismatch); start again',
        );
      }
      const denied = query.get('error');
      if (denied !== null) {
        const why = query.get('error_description');
        throw new OidcError(
          'OIDC_DENIED',
          `the OIDC provider refused the sign-in: ${denied}${why ? ` (${why})` : ''}`,
        );
      }

      const oidc = await discover();
      try {
        const tokens = await client.authorizationCodeGrant(oidc, returned, {
          pkceCodeVerifier: transient.codeVerifier,
          expectedState: transient.state,
          expectedNonce: transient.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new OidcError('OIDC_RESPONSE_INVALID', 'the OIDC provider sent no ID token');
        let claims: Record<string, unknown> = { ...idClaims };
        const incomplete = claims[c.usernameClaim] === undefined || claims[c.groupsClaim] === undefined;
        if (incomplete && oidc.serverMetadata().userinfo_endpoint) {
          // Many providers put profile and group claims in userinfo only; the ID token's own claims win.
          const info = await client.fetchUserInfo(oidc, tokens.access_token, idClaims.sub);
          claims = { ...info, ...idClaims };
        }
        return identityFrom(claims);
      } catch (err) {
        throw translate(err);
      }
    },
  };
}

/** The principal of a fresh OIDC sign-in (grants.ts). */
export function oidcPrincipal(identity: OidcIdentity): Principal {
  return { kind: 'user', name: identity.username, groups: identity.groups };
}

/** What to hand `codec.issue()`: the groups are the provider's as of this sign-in. */
export function oidcSessionClaims(identity: OidcIdentity): SessionClaims {
  return { sub: identity.username, kind: 'user', groups: [...identity.groups], via: 'oidc' };
}

/**
 * The principal of a `via: 'oidc'` session. Not `directory.findUser()`: OIDC users are not in the
 * config, so the session's own name and groups stand until it expires.
 */
export function oidcSessionPrincipal(session: Session): Principal {
  return { kind: 'user', name: session.sub, groups: session.groups };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// openid-client puts a generic text on top and the precise one (which claim, which value) in `cause`.
function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = err.cause instanceof Error ? err.cause.message : '';
  return inner && inner !== err.message ? `${err.message} (${inner})` : err.message;
}

function isNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONN|ENOTFOUND|EAI_|ETIMEDOUT|UND_ERR_)/.test(code)) return true;
  }
  return false;
}

function translate(err: unknown): OidcError {
  if (err instanceof OidcError) return err;
  if (err instanceof client.ResponseBodyError) {
    const detail = `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
    if (err.error === 'invalid_client') {
      return new OidcError(
        'OIDC_CLIENT_REJECTED',
        `the OIDC provider rejected the BFF's client credentials (check auth.oidc.clientId and clientSecret): ${detail}`,
        err,
      );
    }
    if (err.error === 'invalid_grant') {
      return new OidcError(
        'OIDC_CODE_INVALID',
        `the sign-in code was refused (expired or already used); start again: ${detail}`,
        err,
      );
    }
    return new OidcError('OIDC_PROVIDER_ERROR', `the OIDC provider answered an error: ${detail}`, err);
  }
  if (err instanceof client.AuthorizationResponseError) {
    return new OidcError('OIDC_DENIED', `the OIDC provider refused the sign-in: ${err.error}`, err);
  }
  if (isNetworkError(err)) {
    return new OidcError('OIDC_PROVIDER_UNREACHABLE', 'the OIDC provider is unreachable', err);
  }
  return new OidcError(
    'OIDC_RESPONSE_INVALID',
    `the OIDC provider's answer failed a check: ${messageOf(err)}`,
    err,
  );
}
