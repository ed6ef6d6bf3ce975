import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, csrfTokenFor, needsCsrfCheck, verifyCsrfToken } from '../../src/auth/csrf';
import { createSessionCodec, type SessionClaims, sessionCookieOptions } from '../../src/auth/session-token';

const OLD = 'old-secret-old-secret-old-secret-0001';
const NEW = 'new-secret-new-secret-new-secret-0002';
const claims: SessionClaims = { sub: 'alice', kind: 'user', groups: ['dbas'], via: 'password' };

function clock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (s: number) => (now += s * 1000) };
}

describe('session token', () => {
  it('round-trips the claims with an expiry and a csrf secret', () => {
    const t = clock();
    const codec = createSessionCodec({ secrets: [NEW], ttlSeconds: 3600, now: t.now });
    const { token, session } = codec.issue(claims);
    expect(session).toMatchObject({ ...claims, exp: session.iat + 3600 });
    expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codec.verify(token)).toEqual({ ok: true, session });
    expect(token).not.toContain('alice');
    expect(token).not.toContain('dbas');
  });

  it('expires', () => {
    const t = clock();
    const codec = createSessionCodec({ secrets: [NEW], ttlSeconds: 60, now: t.now });
    const { token } = codec.issue(claims);
    t.advance(59);
    expect(codec.verify(token).ok).toBe(true);
    t.advance(1);
    expect(codec.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses tampered and malformed tokens', () => {
    const codec = createSessionCodec({ secrets: [NEW] });
    const { token } = codec.issue(claims);
    const parts = token.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const flipped = [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.');
    expect(codec.verify(flipped)).toEqual({ ok: false, reason: 'bad_seal' });
    expect(codec.verify(`${token}x`)).toMatchObject({ ok: false });
    expect(codec.verify(token.replace(/^v1\./, 'v2.'))).toEqual({ ok: false, reason: 'malformed' });
    expect(codec.verify('')).toEqual({ ok: false, reason: 'malformed' });
    expect(codec.verify('v1.a.b.c')).toEqual({ ok: false, reason: 'malformed' });
    // Another deployment's secret does not open it.
    const other = createSessionCodec({ secrets: ['x'.repeat(40)] });
    expect(other.verify(token)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('rotates keys: old tokens still open while the old secret is listed, new ones use the first', () => {
    const before = createSessionCodec({ secrets: [OLD] });
    const during = createSessionCodec({ secrets: [NEW, OLD] });
    const after = createSessionCodec({ secrets: [NEW] });
    const old = before.issue(claims).token;
    expect(during.verify(old).ok).toBe(true);
    const fresh = during.issue(claims).token;
    expect(after.verify(fresh).ok).toBe(true);
    expect(before.verify(fresh)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(after.verify(old)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('renews past half-life and keeps the csrf secret', () => {
    const t = clock();
    const codec = createSessionCodec({ secrets: [NEW], ttlSeconds: 100, now: t.now });
    const { session } = codec.issue(claims);
    t.advance(49);
    expect(codec.shouldRenew(session)).toBe(false);
    t.advance(2);
    expect(codec.shouldRenew(session)).toBe(true);
    const renewed = codec.renew(session);
    expect(renewed.session.exp).toBe(session.exp + 51);
    expect(renewed.session.csrf).toBe(session.csrf);
    expect(codec.verify(renewed.token).ok).toBe(true);
  });

  it('refuses short secrets and an empty list', () => {
    expect(() => createSessionCodec({ secrets: [] })).toThrow(/at least one/);
    expect(() => createSessionCodec({ secrets: [NEW, 'short'] })).toThrow(/secrets\[1\]/);
  });

  it('gives httpOnly SameSite cookie options', () => {
    expect(sessionCookieOptions({ secure: true, maxAgeSeconds: 60 })).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/',
      maxAge: 60,
    });
  });
});

describe('csrf', () => {
  const codec = createSessionCodec({ secrets: [NEW] });
  const a = codec.issue(claims).session;
  const b = codec.issue(claims).session;

  it('derives a per-session token and checks it', () => {
    const token = csrfTokenFor(a);
    expect(token).not.toBe(a.csrf);
    expect(verifyCsrfToken(a, token)).toBe(true);
    expect(verifyCsrfToken(b, token)).toBe(false);
    expect(verifyCsrfToken(a, undefined)).toBe(false);
    expect(verifyCsrfToken(a, '')).toBe(false);
    expect(verifyCsrfToken(a, [token])).toBe(false);
    expect(verifyCsrfToken(a, token.slice(1))).toBe(false);
  });

  it('is needed on cookie writes only', () => {
    expect(CSRF_HEADER).toBe('x-csrf-token');
    expect(needsCsrfCheck('POST', 'cookie')).toBe(true);
    expect(needsCsrfCheck('delete', 'oidc')).toBe(true);
    expect(needsCsrfCheck('GET', 'cookie')).toBe(false);
    expect(needsCsrfCheck('POST', 'token')).toBe(false);
  });
});
