import { timingSafeEqual } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { GrantSchema, type Principal } from './grants';
import { burnPasswordCheck, hashApiToken, verifyPassword } from './passwords';

/**
 * The `auth` section of the config file and the directory of people and scripts built from it.
 * Grants are not resolved here: a principal carries only its name and groups, and `grants.ts`
 * decides what it may do, so a config change applies to sessions that already exist.
 */

const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$';
const NameSchema = Type.String({ pattern: NAME_PATTERN });

export const AuthUserSchema = Type.Object(
  {
    username: NameSchema,
    passwordHash: Type.String({
      pattern: '^\\$argon2id\\$',
      description: 'argon2id hash (scripts/hash-password)',
      'x-error': 'must be an argon2id hash ($argon2id$...); see hashPassword in src/auth/passwords.ts',
    }),
    groups: Type.Optional(Type.Array(NameSchema)),
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuthUser = Static<typeof AuthUserSchema>;

export const ServiceAccountSchema = Type.Object(
  {
    name: NameSchema,
    tokenHash: Type.String({
      pattern: '^sha256:[0-9a-f]{64}$',
      description: 'hashApiToken(token)',
      'x-error': 'must be sha256:<64 hex digits>, the hashApiToken() of the token',
    }),
    groups: Type.Optional(Type.Array(NameSchema)),
  },
  { additionalProperties: false },
);
export type ServiceAccount = Static<typeof ServiceAccountSchema>;

export const SessionSettingsSchema = Type.Object(
  {
    secrets: Type.Array(Type.String({ minLength: 32 }), {
      minItems: 1,
      description: 'the first signs new sessions; the others are still accepted (rotation)',
    }),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 2_592_000, default: 43_200 })),
    secure: Type.Optional(
      Type.Boolean({
        description: 'Secure cookies; default: only when the request came over https',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SessionSettings = Static<typeof SessionSettingsSchema>;

/** The `auth:` section of the config file. The config module embeds this schema. */
export const AuthConfigSchema = Type.Object(
  {
    users: Type.Optional(Type.Array(AuthUserSchema)),
    serviceAccounts: Type.Optional(Type.Array(ServiceAccountSchema)),
    grants: Type.Optional(Type.Array(GrantSchema)),
    session: Type.Optional(SessionSettingsSchema),
  },
  { additionalProperties: false },
);
export type AuthConfig = Static<typeof AuthConfigSchema>;

export class AuthConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid auth config: ${problems.join('; ')}`);
    this.name = 'AuthConfigError';
  }
}

/** Problems the schema cannot see, each naming its key (`auth.users[1].username: ...`). */
export function checkAuthConfig(config: AuthConfig, at = 'auth'): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (name: string, key: string) => {
    const before = seen.get(name);
    if (before) problems.push(`${key}: "${name}" is already defined at ${before}`);
    else seen.set(name, key);
  };
  config.users?.forEach((u, i) => {
    claim(`user:${u.username}`, `${at}.users[${i}].username`);
  });
  config.serviceAccounts?.forEach((sa, i) => {
    claim(`sa:${sa.name}`, `${at}.serviceAccounts[${i}].name`);
  });
  config.grants?.forEach((g, i) => {
    g.subjects.forEach((s, j) => {
      if ((s.startsWith('user:') || s.startsWith('sa:')) && !seen.has(s)) {
        problems.push(
          `${at}.grants[${i}].subjects[${j}]: no ${s.startsWith('sa:') ? 'service account' : 'user'} "${s}"`,
        );
      }
    });
  });
  return problems;
}

/** Validates a raw `auth` section (from YAML) and throws one error that names every bad key. */
export function parseAuthConfig(raw: unknown, at = 'auth'): AuthConfig {
  if (!Value.Check(AuthConfigSchema, raw)) {
    const problems = Value.Errors(AuthConfigSchema, raw).map(
      (e) => `${at}${e.instancePath.replaceAll('/', '.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')}: ${e.message}`,
    );
    throw new AuthConfigError(problems);
  }
  const problems = checkAuthConfig(raw, at);
  if (problems.length > 0) throw new AuthConfigError(problems);
  return raw;
}

export interface UserDirectory {
  /** A user for a right username and password; null otherwise, after the same amount of work. */
  signIn(username: string, password: string): Promise<Principal | null>;
  /** The service account for an `Authorization: Bearer <token>` value (the token alone). */
  fromApiToken(token: string): Principal | null;
  /** The user named in a session, or null once removed from the config (the session then dies). */
  findUser(username: string): Principal | null;
  displayName(username: string): string | undefined;
}

/** Valid API tokens remembered with their service account (users.fromApiToken). */
const TOKEN_CACHE_SIZE = 1_000;

export function createUserDirectory(config: AuthConfig): UserDirectory {
  const users = new Map((config.users ?? []).map((u) => [u.username, u]));
  const accounts = config.serviceAccounts ?? [];
  const accountHashes = accounts.map((sa) => Buffer.from(sa.tokenHash, 'utf8'));
  const tokenCache = new Map<string, Principal>();
  const asPrincipal = (u: AuthUser): Principal => ({
    kind: 'user',
    name: u.username,
    groups: u.groups ?? [],
  });

  return {
    async signIn(username, password) {
      const user = users.get(username);
      if (!user) return burnPasswordCheck(password).then(() => null);
      return (await verifyPassword(user.passwordHash, password)) ? asPrincipal(user) : null;
    },
    fromApiToken(token) {
      // Scripts send the same token on every request: a token seen valid is not hashed again.
      const cached = tokenCache.get(token);
      if (cached) return cached;
      // Hashed once, and every hash compared, so the time does not depend on which account matched.
      const got = Buffer.from(hashApiToken(token), 'utf8');
      let found: ServiceAccount | undefined;
      for (const [i, sa] of accounts.entries()) {
        const want = accountHashes[i]!;
        if (want.length === got.length && timingSafeEqual(want, got) && !found) found = sa;
      }
      if (!found) return null;
      const principal: Principal = { kind: 'serviceAccount', name: found.name, groups: found.groups ?? [] };
      // Valid tokens only (guesses cannot fill it), and bounded: a full cache starts over.
      if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
      tokenCache.set(token, principal);
      return principal;
    },
    findUser(username) {
      const user = users.get(username);
      return user ? asPrincipal(user) : null;
    },
    displayName: (username) => users.get(username)?.displayName,
  };
}

/** The token of an `Authorization` header value, or null when it is not a Bearer credential. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
