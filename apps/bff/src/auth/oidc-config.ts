import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { AuthConfigError } from './users';

/**
 * The `auth.oidc` section: single sign-on through one OpenID provider (Keycloak, Dex, Entra ID, ...).
 * Absent = no SSO; password users and service accounts work either way.
 *
 * The schema only sees shapes; `checkOidcConfig` adds what it cannot (real URLs, https unless the
 * provider is on loopback and `allowInsecureHttp` says so, the callback path the BFF serves).
 */

export const OIDC_CALLBACK_PATH = '/api/v2/session/oidc/callback';

export const OIDC_DEFAULTS = {
  scopes: 'openid profile email groups',
  groupsClaim: 'groups',
  usernameClaim: 'preferred_username',
  allowInsecureHttp: false,
} as const;

const UrlSchema = (description: string) =>
  Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048, description });

const ClaimNameSchema = (fallback: string) =>
  Type.String({ pattern: '^[A-Za-z0-9_:./-]{1,128}$', default: fallback });

export const OidcConfigSchema = Type.Object(
  {
    issuer: UrlSchema('issuer URL; discovery reads <issuer>/.well-known/openid-configuration'),
    clientId: Type.String({ minLength: 1, maxLength: 256 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 1024, description: 'sent as client_secret_post' }),
    redirectUri: UrlSchema(`the BFF's public ${OIDC_CALLBACK_PATH} URL, registered at the provider`),
    scopes: Type.Optional(
      Type.String({
        pattern: '(^|\\s)openid(\\s|$)',
        maxLength: 1024,
        default: OIDC_DEFAULTS.scopes,
        description: 'space-separated; must include openid',
      }),
    ),
    groupsClaim: Type.Optional(ClaimNameSchema(OIDC_DEFAULTS.groupsClaim)),
    usernameClaim: Type.Optional(ClaimNameSchema(OIDC_DEFAULTS.usernameClaim)),
    allowInsecureHttp: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'allow an http:// issuer, only on a loopback host (tests, local providers)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OidcConfig = Static<typeof OidcConfigSchema>;

/** The config with every default filled in. */
export type ResolvedOidcConfig = Required<OidcConfig>;

export function resolveOidcConfig(config: OidcConfig): ResolvedOidcConfig {
  return {
    ...config,
    scopes: config.scopes ?? OIDC_DEFAULTS.scopes,
    groupsClaim: config.groupsClaim ?? OIDC_DEFAULTS.groupsClaim,
    usernameClaim: config.usernameClaim ?? OIDC_DEFAULTS.usernameClaim,
    allowInsecureHttp: config.allowInsecureHttp ?? OIDC_DEFAULTS.allowInsecureHttp,
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Problems the schema cannot see, each naming its key (`auth.oidc.issuer: ...`). */
export function checkOidcConfig(config: OidcConfig, at = 'auth.oidc'): string[] {
  const problems: string[] = [];
  const insecureOk = config.allowInsecureHttp === true;

  const issuer = parseUrl(config.issuer);
  if (!issuer) problems.push(`${at}.issuer: not a URL`);
  else {
    if (issuer.search || issuer.hash) problems.push(`${at}.issuer: must not have a query or fragment`);
    if (issuer.protocol === 'http:' && !(insecureOk && isLoopbackUrl(issuer))) {
      problems.push(
        `${at}.issuer: must be https (http only with allowInsecureHttp: true and a loopback host)`,
      );
    }
  }

  const redirect = parseUrl(config.redirectUri);
  if (!redirect) problems.push(`${at}.redirectUri: not a URL`);
  else {
    if (!redirect.pathname.endsWith(OIDC_CALLBACK_PATH)) {
      problems.push(`${at}.redirectUri: must end with ${OIDC_CALLBACK_PATH} (the BFF's callback route)`);
    }
    if (redirect.search || redirect.hash)
      problems.push(`${at}.redirectUri: must not have a query or fragment`);
    // The browser carries the code here; plain http is only tolerable when it never leaves the machine.
    if (redirect.protocol === 'http:' && !isLoopbackUrl(redirect)) {
      problems.push(`${at}.redirectUri: must be https unless the host is loopback`);
    }
  }
  return problems;
}

/** Validates a raw `auth.oidc` section and throws one `AuthConfigError` naming every bad key. */
export function parseOidcConfig(raw: unknown, at = 'auth.oidc'): ResolvedOidcConfig {
  if (!Value.Check(OidcConfigSchema, raw)) {
    const problems = Value.Errors(OidcConfigSchema, raw).map(
      (e) => `${at}${e.instancePath.replaceAll('/', '.')}: ${e.message}`,
    );
    throw new AuthConfigError(problems);
  }
  const problems = checkOidcConfig(raw, at);
  if (problems.length > 0) throw new AuthConfigError(problems);
  return resolveOidcConfig(raw);
}
