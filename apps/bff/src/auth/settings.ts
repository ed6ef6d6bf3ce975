import { isAbsolute, resolve } from 'node:path';
import { type Static, Type } from 'typebox';
import { demoAuthConfig } from './demo-auth';
import { checkOidcConfig, OidcConfigSchema, type ResolvedOidcConfig, resolveOidcConfig } from './oidc-config';
import { type AuthConfig, AuthConfigError, AuthConfigSchema, checkAuthConfig } from './users';

/**
 * The `auth:` section of the config file as a whole (users, service accounts, grants, session,
 * OIDC, audit log) and the one rule for what the BFF needs before it may start:
 * - outside sandbox mode, some way to sign in (users, service accounts or OIDC) and session secrets;
 * - in sandbox mode, the demo users, grants and admin token are added to whatever the file has, and
 *   the demo session secret is used unless the file sets its own.
 */

export const DEFAULT_AUDIT_LOG = '.vtdeck/audit.log';

export const AuthSettingsSchema = Type.Object(
  {
    ...AuthConfigSchema.properties,
    oidc: Type.Optional(OidcConfigSchema),
    auditLog: Type.Optional(
      Type.Object(
        {
          path: Type.String({
            minLength: 1,
            description: `JSON-lines file, relative to the working directory; default ${DEFAULT_AUDIT_LOG}`,
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AuthSettingsFile = Static<typeof AuthSettingsSchema>;

export interface AuthSettings {
  sandbox: boolean;
  /** users, service accounts and grants (demo ones included in sandbox mode) */
  directory: Omit<AuthConfig, 'session'>;
  session: { secrets: string[]; ttlSeconds: number; secure?: boolean };
  oidc?: ResolvedOidcConfig;
  auditLogPath: string;
}

export interface AuthSettingsOptions {
  sandbox: boolean;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Throws AuthConfigError whose problems each name their key (`auth.users[0].username: ...`). */
export function resolveAuthSettings(
  raw: AuthSettingsFile | undefined,
  { sandbox, env, cwd = process.cwd() }: AuthSettingsOptions,
): AuthSettings {
  const file = raw ?? {};
  const demo = sandbox ? demoAuthConfig() : {};
  // The file's entries first, so a problem's key (`auth.grants[0]`) points into the file.
  const merged: AuthConfig = {
    users: [...(file.users ?? []), ...(demo.users ?? [])],
    serviceAccounts: [...(file.serviceAccounts ?? []), ...(demo.serviceAccounts ?? [])],
    grants: [...(file.grants ?? []), ...(demo.grants ?? [])],
  };
  const problems = checkAuthConfig(merged);
  if (file.oidc) problems.push(...checkOidcConfig(file.oidc));

  const envSecret = env.VTDECK_SESSION_SECRET;
  const secrets = file.session?.secrets ?? (envSecret ? [envSecret] : demo.session?.secrets);
  if (envSecret !== undefined && envSecret.length < 32) {
    problems.push('VTDECK_SESSION_SECRET: must be at least 32 characters');
  }
  if (!sandbox) {
    const canSignIn = Boolean(merged.users?.length || merged.serviceAccounts?.length || file.oidc);
    if (!canSignIn) {
      problems.push(
        'auth: nobody can sign in; configure auth.users, auth.serviceAccounts or auth.oidc (or start with --sandbox for demo users)',
      );
    }
    if (!secrets) {
      problems.push(
        'auth.session.secrets is required (a random string of 32+ characters, e.g. `openssl rand -base64 48`, or VTDECK_SESSION_SECRET)',
      );
    }
  }
  if (problems.length > 0) throw new AuthConfigError(problems);

  const path = env.VTDECK_AUDIT_LOG || file.auditLog?.path || DEFAULT_AUDIT_LOG;
  return {
    sandbox,
    directory: merged,
    session: {
      secrets: secrets ?? [],
      ttlSeconds: file.session?.ttlSeconds ?? demo.session?.ttlSeconds ?? 43_200,
      ...(file.session?.secure === undefined ? {} : { secure: file.session.secure }),
    },
    ...(file.oidc ? { oidc: resolveOidcConfig(file.oidc) } : {}),
    auditLogPath: isAbsolute(path) ? path : resolve(cwd, path),
  };
}
