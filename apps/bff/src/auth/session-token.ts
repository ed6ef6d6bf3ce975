import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Stateless sessions: the cookie holds the whole session, encrypted and authenticated with
 * AES-256-GCM, so any replica that shares the secrets can read it and no client can read or forge it
 * (the groups and the CSRF secret inside stay private).
 *
 * Token: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url). `keyId` names the secret that sealed it, so
 * rotation is: put the new secret first, keep the old one second until the longest session has expired.
 */

export interface SessionClaims {
  /** user name or service account name */
  sub: string;
  kind: 'user' | 'serviceAccount';
  groups: string[];
  /** how the session was opened: a password form or an OIDC sign-in */
  via: 'password' | 'oidc';
}

export interface Session extends SessionClaims {
  /** issued at / expires, seconds since the epoch */
  iat: number;
  exp: number;
  /** secret the CSRF token is derived from (csrf.ts); never sent to the browser as is */
  csrf: string;
}

export type VerifyResult =
  | { ok: true; session: Session }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_seal' | 'expired' };

export interface SessionCodec {
  issue(claims: SessionClaims): { token: string; session: Session };
  verify(token: string): VerifyResult;
  /** Reseal with a fresh expiry (same CSRF secret, so open tabs keep working). */
  renew(session: Session): { token: string; session: Session };
  /** True past half of the lifetime: the caller then sets a renewed cookie. */
  shouldRenew(session: Session): boolean;
  readonly ttlSeconds: number;
}

export interface SessionCodecOptions {
  secrets: readonly string[];
  ttlSeconds?: number;
  /** milliseconds; tests move time with it */
  now?: () => number;
}

const VERSION = 'v1';
const MIN_SECRET_LENGTH = 32;

interface Key {
  id: string;
  key: Buffer;
}

function deriveKey(secret: string): Key {
  const key = Buffer.from(hkdfSync('sha256', secret, 'vtdeck', 'vtdeck-session-v1', 32));
  const id = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  return { id, key };
}

export function createSessionCodec(options: SessionCodecOptions): SessionCodec {
  if (options.secrets.length === 0) throw new Error('session secrets: at least one secret is required');
  for (const [i, s] of options.secrets.entries()) {
    if (s.length < MIN_SECRET_LENGTH) {
      throw new Error(`session secrets[${i}]: must be at least ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const keys = options.secrets.map(deriveKey);
  const current = keys[0]!;
  const ttlSeconds = options.ttlSeconds ?? 43_200;
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);

  const seal = (session: Session): string => {
    const header = `${VERSION}.${current.id}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(header));
    const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
    return [
      header,
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  };

  const open = (token: string): VerifyResult => {
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
    const [version, keyId, iv, body, tag] = parts as [string, string, string, string, string];
    const key = keys.find((k) => k.id === keyId);
    if (!key) return { ok: false, reason: 'unknown_key' };
    let payload: unknown;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${version}.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      payload = JSON.parse(plain.toString('utf8'));
    } catch {
      return { ok: false, reason: 'bad_seal' };
    }
    if (!isSession(payload)) return { ok: false, reason: 'malformed' };
    if (payload.exp <= nowSeconds()) return { ok: false, reason: 'expired' };
    return { ok: true, session: payload };
  };

  const withExpiry = (claims: SessionClaims, csrf: string): Session => {
    const iat = nowSeconds();
    return {
      sub: claims.sub,
      kind: claims.kind,
      groups: [...claims.groups],
      via: claims.via,
      iat,
      exp: iat + ttlSeconds,
      csrf,
    };
  };

  return {
    ttlSeconds,
    issue(claims) {
      const session = withExpiry(claims, randomBytes(32).toString('base64url'));
      return { token: seal(session), session };
    },
    verify(token) {
      return open(token);
    },
    renew(old) {
      const session = withExpiry(old, old.csrf);
      return { token: seal(session), session };
    },
    shouldRenew(session) {
      return session.exp - nowSeconds() < ttlSeconds / 2;
    },
  };
}

function isSession(v: unknown): v is Session {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.sub === 'string' &&
    (s.kind === 'user' || s.kind === 'serviceAccount') &&
    Array.isArray(s.groups) &&
    s.groups.every((g) => typeof g === 'string') &&
    (s.via === 'password' || s.via === 'oidc') &&
    Number.isInteger(s.iat) &&
    Number.isInteger(s.exp) &&
    typeof s.csrf === 'string'
  );
}

export const SESSION_COOKIE = 'vtdeck_session';

/** Options for `reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(...))` (@fastify/cookie). */
export function sessionCookieOptions(opts: { secure: boolean; maxAgeSeconds: number }) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secure,
    path: '/',
    maxAge: opts.maxAgeSeconds,
  };
}
