import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Secrets at rest: argon2id for people's passwords (slow on purpose), SHA-256 for API tokens
 * (they are 256 random bits, so a fast hash is enough and keeps every scripted request cheap).
 */

/** argon2id with the library defaults (m=64 MiB, t=3, p=4): ~150 ms per hash on the 2-core box. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

/** False for a wrong password and for a malformed hash (a bad config line must not throw on sign-in). */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  if (!hash.startsWith('$argon2id$')) return false;
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

// Checked against when the username is unknown, so a miss costs as long as a wrong password and
// timing does not reveal which usernames exist. Same parameters as `hashPassword`.
const TIMING_DUMMY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$D5GdObInXr5yqxaxSoGWyA$TGaJ7wdP0v/qtgzErNkfmcyK2TyRs5bUmjq1bbK9KFM';

export async function burnPasswordCheck(plain: string): Promise<false> {
  await verifyPassword(TIMING_DUMMY_HASH, plain);
  return false;
}

const TOKEN_HASH_PREFIX = 'sha256:';

/** `sha256:<64 hex>`, the form service accounts carry in the config file. */
export function hashApiToken(token: string): string {
  return TOKEN_HASH_PREFIX + createHash('sha256').update(token, 'utf8').digest('hex');
}

export function verifyApiToken(tokenHash: string, token: string): boolean {
  const want = Buffer.from(tokenHash, 'utf8');
  const got = Buffer.from(hashApiToken(token), 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A new API token for a service account: print it once, store only `hashApiToken(token)`. */
export function generateApiToken(): string {
  return `vtd_${randomBytes(32).toString('base64url')}`;
}
