import type { ErrorBody, SessionInfo, SignInOptions, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAuthConfig } from '../src/auth/demo-auth';
import { createSessionCodec, SESSION_COOKIE } from '../src/auth/session-token';
import { type Stack, sessionCookie, startStack } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const cookieAttributes = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.split(';')
    .slice(1)
    .map((a) => a.trim()) ?? [];

describe('anonymous requests', () => {
  it('answer 401 UNAUTHENTICATED on every /api route but the public ones', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/keyspaces/'],
      ['GET', '/api/shards/customer/'],
      ['POST', '/api/vtctl/', ['GetKeyspaces']],
      ['POST', '/api/schema/apply', { Keyspace: 'customer', SQL: 'select 1' }],
      ['GET', '/api/v2/clusters'],
      ['GET', '/api/v2/clusters/prod/topology'],
      ['GET', '/api/v2/audit'],
      ['DELETE', '/api/v2/session'],
      ['GET', '/api/v2/no-such-route'],
      ['GET', '/%61pi/keyspaces/'],
    ] as const) {
      const res = await stack.anonymous.send<ErrorBody>(method, path, body);
      expect([path, res.status, res.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
  });

  it('reach the health checks, the web app and the sign-in options', async () => {
    expect((await stack.anonymous.get('/healthz')).status).toBe(200);
    expect((await stack.anonymous.get('/readyz')).status).toBe(200);
    expect((await stack.anonymous.get('/signin')).status).toBe(200);
    expect((await stack.anonymous.get('/api/v2/session/options')).status).toBe(200);
    const who = await stack.anonymous.get<ErrorBody>('/api/v2/session');
    expect(who).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });
});

describe('sign-in with a password', () => {
  it('sets an httpOnly SameSite cookie and answers the session with its CSRF token and grants', async () => {
    const res = await stack.anonymous.post<SessionInfo>('/api/v2/session', {
      username: 'dba',
      password: 'dba-demo',
    });
    expect(res.status).toBe(200);
    const attrs = cookieAttributes(res.headers);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=43200']));
    expect(attrs).not.toContain('Secure'); // plain http on loopback
    expect(res.body).toMatchObject({
      user: { name: 'dba', kind: 'user', groups: ['demo-dbas'], via: 'password' },
      csrfToken: expect.any(String),
      expiresAt: expect.any(String),
      grants: [{ role: 'dba', keyspaces: ['customer*'], namespaces: ['vitess*'] }],
    });
    expect(res.text).not.toContain('passwordHash');

    const who = await stack.anonymous.get<SessionInfo>('/api/v2/session', {
      cookie: sessionCookie(res.headers),
    });
    expect(who.status).toBe(200);
    expect(who.body).toEqual(res.body);
  });

  it('refuses a wrong password and an unknown user alike, in about the same time', async () => {
    const timed = async (username: string) => {
      const started = performance.now();
      const res = await stack.anonymous.post<ErrorBody>('/api/v2/session', { username, password: 'wrong' });
      return { res, ms: performance.now() - started };
    };
    const known = await timed('viewer');
    const unknown = await timed('nobody-at-all');
    for (const { res } of [known, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: 'Invalid username or password',
      });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    // Both run one argon2id verification; without it the unknown user would answer in ~1 ms.
    expect(unknown.ms).toBeGreaterThan(known.ms / 4);
  });

  it('answers 400 naming the field for a malformed body', async () => {
    const res = await stack.anonymous.post<ErrorBody>('/api/v2/session', { username: 'dba' });
    expect(res).toMatchObject({ status: 400, body: { message: 'body/password is required' } });
  });

  it('limits sign-in attempts to 5 a minute per client and username', async () => {
    const attempt = (username: string) =>
      stack.anonymous.post<ErrorBody>('/api/v2/session', { username, password: 'guess' });
    for (let i = 0; i < 5; i++) expect((await attempt('developer')).status).toBe(401);
    const limited = await attempt('developer');
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    const right = await stack.anonymous.post('/api/v2/session', {
      username: 'developer',
      password: 'developer-demo',
    });
    expect(right.status).toBe(429);
    // Another username from the same client has its own budget.
    expect((await stack.as('viewer')).info.user.name).toBe('viewer');
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, or with a wrong one', async () => {
    const admin = await stack.as('admin');
    const cookie = { cookie: admin.cookie };
    const missing = await stack.anonymous.post<ErrorBody>('/api/vtctl/', ['GetKeyspace', 'customer'], cookie);
    expect(missing).toMatchObject({ status: 403, body: { code: 'CSRF' } });
    expect(missing.body.message).toContain('x-csrf-token header is missing');

    const wrong = await stack.anonymous.post<ErrorBody>('/api/vtctl/', ['GetKeyspace', 'customer'], {
      ...cookie,
      'x-csrf-token': `${admin.csrfToken}x`,
    });
    expect(wrong).toMatchObject({ status: 403, body: { code: 'CSRF' } });
    expect(wrong.body.message).toContain('does not match');

    const other = await stack.as('viewer');
    const crossed = await stack.anonymous.post<ErrorBody>('/api/vtctl/', ['GetKeyspace', 'customer'], {
      ...cookie,
      'x-csrf-token': other.csrfToken,
    });
    expect(crossed.status).toBe(403);

    const right = await admin.post<VtctlResult>('/api/vtctl/', ['GetKeyspace', 'customer']);
    expect(right).toMatchObject({ status: 200, body: { Error: '' } });
  });

  it('needs no token for reads', async () => {
    const admin = await stack.as('admin');
    const res = await stack.anonymous.get('/api/keyspaces/', { cookie: admin.cookie });
    expect(res.status).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticate with Authorization: Bearer, need no CSRF token and have no session', async () => {
    const write = await stack.post<VtctlResult>('/api/vtctl/', ['GetKeyspace', 'customer']);
    expect(write.status).toBe(200);
    const who = await stack.get<SessionInfo>('/api/v2/session');
    expect(who.body).toEqual({
      user: { name: 'demo-admin', kind: 'serviceAccount', groups: ['demo-admins'], via: 'token' },
      grants: [{ role: 'admin' }],
    });
    expect(who.headers.getSetCookie()).toEqual([]);
  });

  it('answer 401 for a wrong token, even with a valid cookie beside it', async () => {
    const admin = await stack.as('admin');
    for (const authorization of ['Bearer wrong-token', 'Basic YWRtaW46YWRtaW4=', 'Bearer']) {
      const res = await stack.anonymous.get<ErrorBody>('/api/keyspaces/', {
        authorization,
        cookie: admin.cookie,
      });
      expect([authorization, res.status, res.body.code]).toEqual([authorization, 401, 'UNAUTHENTICATED']);
    }
  });
});

describe('session lifetime', () => {
  const forge = (issuedSecondsAgo: number, sub = 'dba') => {
    const codec = createSessionCodec({
      secrets: stack.config.auth.session.secrets,
      ttlSeconds: stack.config.auth.session.ttlSeconds,
      now: () => Date.now() - issuedSecondsAgo * 1000,
    });
    return `${SESSION_COOKIE}=${codec.issue({ sub, kind: 'user', groups: [], via: 'password' }).token}`;
  };

  it('answers 401 once the session has expired', async () => {
    const res = await stack.anonymous.get<ErrorBody>('/api/keyspaces/', { cookie: forge(43_201) });
    expect(res).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(res.body.message).toContain('expired');
  });

  it('renews a session past half its life, and not a fresh one', async () => {
    const old = await stack.anonymous.get('/api/keyspaces/', { cookie: forge(30_000) });
    expect(old.status).toBe(200);
    expect(cookieAttributes(old.headers)).toContain('HttpOnly');
    const fresh = await stack.anonymous.get('/api/keyspaces/', { cookie: forge(10) });
    expect(fresh.headers.getSetCookie()).toEqual([]);
  });

  it('answers 401 for a tampered cookie and for a user removed from the config', async () => {
    const tampered = `${forge(10).slice(0, -3)}abc`;
    expect((await stack.anonymous.get('/api/keyspaces/', { cookie: tampered })).status).toBe(401);
    const removed = await stack.anonymous.get<ErrorBody>('/api/keyspaces/', { cookie: forge(10, 'mallory') });
    expect(removed.status).toBe(401);
    expect(removed.body.message).toContain('no longer exists');
  });
});

describe('sign-out', () => {
  it('needs the CSRF token, then clears the cookie with 204', async () => {
    const res = await stack.anonymous.post<SessionInfo>('/api/v2/session', {
      username: 'admin',
      password: 'admin-demo',
    });
    const cookie = sessionCookie(res.headers);
    const forged = await stack.anonymous.send('DELETE', '/api/v2/session', undefined, { cookie });
    expect(forged.status).toBe(403);
    const out = await stack.anonymous.send('DELETE', '/api/v2/session', undefined, {
      cookie,
      'x-csrf-token': res.body.csrfToken ?? '',
    });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
  });
});

describe('GET /api/v2/session/options', () => {
  it('lists the demo users and token in sandbox mode', async () => {
    const res = await stack.anonymous.get<SignInOptions>('/api/v2/session/options');
    expect(res.body).toMatchObject({ sandbox: true, demoToken: stack.token, oidc: { enabled: false } });
    expect(res.body.demoUsers.map((u) => [u.username, u.role])).toEqual([
      ['viewer', 'viewer'],
      ['developer', 'developer'],
      ['dba', 'dba'],
      ['admin', 'admin'],
    ]);
  });

  it('lists nothing of the sort outside sandbox mode, where the demo credentials do not work', async () => {
    const { users, grants } = demoAuthConfig();
    const real = await startStack({
      sandboxMode: false,
      auth: { users, grants, session: { secrets: ['a-real-secret-of-at-least-32-characters!'] } },
    });
    try {
      const res = await real.anonymous.get<SignInOptions>('/api/v2/session/options');
      expect(res.body).toEqual({ sandbox: false, demoUsers: [], oidc: { enabled: false } });
      expect((await real.get('/api/keyspaces/')).status).toBe(401); // the demo admin token
      const dba = await real.as('dba'); // a user the config file names still signs in
      expect((await dba.get<string[]>('/api/keyspaces/')).body).toEqual(['customer']);
    } finally {
      await real.close();
    }
  });
});
