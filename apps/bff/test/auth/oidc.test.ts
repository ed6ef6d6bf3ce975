import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGrantPolicy } from '../../src/auth/grants';
import {
  createOidc,
  createOidcTransientCodec,
  OIDC_TRANSIENT_COOKIE,
  type OidcError,
  type OidcIdentity,
  oidcPrincipal,
  oidcSessionClaims,
  oidcSessionPrincipal,
  oidcTransientCookieOptions,
} from '../../src/auth/oidc';
import { OIDC_CALLBACK_PATH, type OidcConfig, parseOidcConfig } from '../../src/auth/oidc-config';
import { createSessionCodec } from '../../src/auth/session-token';
import { AuthConfigError } from '../../src/auth/users';
import { TestBrowser } from './fixtures/oidc-browser';
import { startOidcProvider, type TestAccount, type TestProvider } from './fixtures/oidc-provider-server';

const SECRET = 'oidc-test-secret-oidc-test-secret-0001';
const OLD_SECRET = 'oidc-old-secret-oidc-old-secret-00002';
const CLIENT_ID = 'vtdeck';
const CLIENT_SECRET = 'vtdeck-client-secret-for-tests';
// The browser is stopped at this URL; no BFF has to listen on it.
const REDIRECT_URI = `http://127.0.0.1:8080${OIDC_CALLBACK_PATH}`;
const ALICE: TestAccount = {
  sub: 'a1b2c3',
  preferred_username: 'alice',
  name: 'Alice',
  email: 'alice@example.test',
  // Keycloak-style paths and non-strings can never match a grant subject: dropped.
  groups: ['dbas', 'team.platform', '/realm/dbas', 42, 'dbas'],
};

let provider: TestProvider;
let config: OidcConfig;

beforeAll(async () => {
  provider = await startOidcProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    account: ALICE,
  });
  config = {
    issuer: provider.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    allowInsecureHttp: true,
  };
});

afterAll(async () => {
  await provider?.close();
});

beforeEach(() => {
  provider.account = ALICE;
  provider.mode = 'login';
});

const atCallback = (url: URL) => url.href.startsWith(REDIRECT_URI);

/**
 * What the login route and the browser do: get the authorization URL, seal the transient cookie,
 * go through the provider's interactions, and come back with the callback URL (path + query, as
 * `req.url` would be) and the cookie.
 */
async function signInAtProvider(
  oidc = createOidc(config),
  codec = createOidcTransientCodec({ secrets: [SECRET] }),
) {
  const login = await oidc.authorizationUrl();
  const cookie = codec.seal(login);
  const back = await new TestBrowser().followUntil(login.url, atCallback);
  return { oidc, codec, login, cookie, reqUrl: `${back.pathname}${back.search}`, back };
}

async function rejection(promise: Promise<unknown>): Promise<OidcError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  return err as OidcError;
}

function thrown(fn: () => unknown): OidcError {
  try {
    fn();
  } catch (e) {
    return e as OidcError;
  }
  throw new Error('expected a throw');
}

describe('oidc sign-in against a real provider', () => {
  it('runs the code flow with PKCE, state and nonce and yields the principal', async () => {
    const { oidc, codec, login, cookie, reqUrl, back } = await signInAtProvider();

    const sent = new URL(login.url);
    expect(`${sent.origin}${sent.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid profile email groups',
      state: login.state,
      nonce: login.nonce,
      code_challenge_method: 'S256',
    });
    expect(sent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The verifier itself never goes to the provider in the front channel.
    expect(login.url).not.toContain(login.codeVerifier);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(back.searchParams.get('state')).toBe(login.state);

    const identity = await oidc.callback(reqUrl, codec.unseal(cookie));
    expect(identity.username).toBe('alice');
    expect(identity.groups).toEqual(['dbas', 'team.platform']);
    expect(identity.claims).toMatchObject({ sub: 'a1b2c3', email: 'alice@example.test', nonce: login.nonce });

    expect(oidcPrincipal(identity)).toEqual({
      kind: 'user',
      name: 'alice',
      groups: ['dbas', 'team.platform'],
    });
    const sessions = createSessionCodec({ secrets: [SECRET] });
    const { token } = sessions.issue(oidcSessionClaims(identity));
    const verified = sessions.verify(token);
    expect(verified.ok && verified.session).toMatchObject({ sub: 'alice', kind: 'user', via: 'oidc' });
    if (!verified.ok) throw new Error('session did not verify');

    const policy = createGrantPolicy([{ subjects: ['group:dbas'], role: 'dba', keyspaces: ['customer*'] }]);
    const principal = oidcSessionPrincipal(verified.session);
    expect(principal).toEqual(oidcPrincipal(identity));
    expect(policy.can(principal, 'schema.change', { keyspace: 'customer_eu' })).toBe(true);
    expect(policy.can(principal, 'schema.change', { keyspace: 'commerce' })).toBe(false);
  });

  it('accepts a full callback URL on another host, using only its query', async () => {
    const { oidc, codec, cookie, back } = await signInAtProvider();
    const forgedHost = new URL(`http://evil.example${back.pathname}${back.search}`);
    const identity = await oidc.callback(forgedHost, codec.unseal(cookie));
    expect(identity.username).toBe('alice');
  });

  it('refuses a code used twice', async () => {
    const { oidc, codec, cookie, reqUrl } = await signInAtProvider();
    await oidc.callback(reqUrl, codec.unseal(cookie));
    const err = await rejection(oidc.callback(reqUrl, codec.unseal(cookie)));
    expect(err).toMatchObject({ statusCode: 400, code: 'OIDC_CODE_INVALID' });
    expect(err.message).toMatch(/expired or already used/);
  });

  it('rejects a tampered state parameter before talking to the provider', async () => {
    const { oidc, codec, cookie, back } = await signInAtProvider();
    back.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const err = await rejection(oidc.callback(back, codec.unseal(cookie)));
    expect(err).toMatchObject({ statusCode: 400, code: 'OIDC_STATE_MISMATCH' });
    expect(err.message).toMatch(/state mismatch/);

    back.searchParams.delete('state');
    expect(await rejection(oidc.callback(back, codec.unseal(cookie)))).toMatchObject({
      code: 'OIDC_STATE_MISMATCH',
    });
  });

  it("rejects another sign-in's cookie (the answer belongs to a different browser)", async () => {
    const first = await signInAtProvider();
    const other = await first.oidc.authorizationUrl();
    const err = await rejection(
      first.oidc.callback(first.reqUrl, first.codec.unseal(first.codec.seal(other))),
    );
    expect(err).toMatchObject({ statusCode: 400, code: 'OIDC_STATE_MISMATCH' });
  });

  it('rejects a wrong PKCE verifier at the token endpoint', async () => {
    const { oidc, codec, cookie, reqUrl } = await signInAtProvider();
    const transient = { ...codec.unseal(cookie), codeVerifier: 'x'.repeat(43) };
    const err = await rejection(oidc.callback(reqUrl, transient));
    expect(err).toMatchObject({ statusCode: 400, code: 'OIDC_CODE_INVALID' });
  });

  it('rejects an ID token whose nonce is not the one sent', async () => {
    const { oidc, codec, cookie, reqUrl } = await signInAtProvider();
    const transient = { ...codec.unseal(cookie), nonce: 'not-the-nonce' };
    const err = await rejection(oidc.callback(reqUrl, transient));
    expect(err).toMatchObject({ statusCode: 502, code: 'OIDC_RESPONSE_INVALID' });
    expect(err.message).toMatch(/nonce/);
  });

  it('names a wrong client secret', async () => {
    const wrong = createOidc({ ...config, clientSecret: 'not-the-secret' });
    const { cookie, codec, reqUrl } = await signInAtProvider(wrong);
    const err = await rejection(wrong.callback(reqUrl, codec.unseal(cookie)));
    expect(err).toMatchObject({ statusCode: 502, code: 'OIDC_CLIENT_REJECTED' });
    expect(err.message).toMatch(/clientSecret/);
    expect(err.message).toMatch(/invalid_client/);
  });

  it("passes on the provider's refusal", async () => {
    provider.mode = 'deny';
    const { oidc, codec, cookie, reqUrl } = await signInAtProvider();
    const err = await rejection(oidc.callback(reqUrl, codec.unseal(cookie)));
    expect(err).toMatchObject({ statusCode: 401, code: 'OIDC_DENIED' });
    expect(err.message).toMatch(/access_denied \(the user cancelled\)/);
  });

  it('refuses an account without a usable username claim', async () => {
    provider.account = { sub: 'no-name', email: 'x@example.test', groups: ['dbas'] };
    const { oidc, codec, cookie, reqUrl } = await signInAtProvider();
    const err = await rejection(oidc.callback(reqUrl, codec.unseal(cookie)));
    expect(err).toMatchObject({ statusCode: 403, code: 'OIDC_CLAIM_INVALID' });
    expect(err.message).toMatch(/"preferred_username"/);
  });

  it('reads the claims the config names, and takes a single-string groups claim', async () => {
    provider.account = { ...ALICE, groups: 'ops' };
    const byEmail = createOidc({ ...config, usernameClaim: 'email', scopes: 'openid email groups' });
    const { codec, cookie, reqUrl, login } = await signInAtProvider(byEmail);
    expect(new URL(login.url).searchParams.get('scope')).toBe('openid email groups');
    const identity: OidcIdentity = await byEmail.callback(reqUrl, codec.unseal(cookie));
    expect(oidcPrincipal(identity)).toEqual({ kind: 'user', name: 'alice@example.test', groups: ['ops'] });
  });

  it('answers 502 while the provider is unreachable, and retries discovery later', async () => {
    const port = await closedPort();
    const oidc = createOidc({ ...config, issuer: `http://127.0.0.1:${port}` });
    const err = await rejection(oidc.authorizationUrl());
    expect(err).toMatchObject({ statusCode: 502, code: 'OIDC_PROVIDER_UNREACHABLE' });
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(await rejection(oidc.authorizationUrl())).toMatchObject({ code: 'OIDC_PROVIDER_UNREACHABLE' });
  });

  it('names a discovery URL that is not a provider', async () => {
    const oidc = createOidc({ ...config, issuer: `${provider.issuer}/not-here` });
    const err = await rejection(oidc.authorizationUrl());
    expect(err).toMatchObject({ statusCode: 502, code: 'OIDC_DISCOVERY_FAILED' });
    expect(err.message).toContain(`${provider.issuer}/not-here`);
  });
});

describe('oidc transient cookie', () => {
  const transient = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43) };

  function clock(start = Date.UTC(2025, 0, 1)) {
    let now = start;
    return { now: () => now, advance: (s: number) => (now += s * 1000) };
  }

  it('round-trips and hides its contents', () => {
    const codec = createOidcTransientCodec({ secrets: [SECRET] });
    const token = codec.seal(transient);
    expect(token).toMatch(/^o1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('sss');
    expect(codec.unseal(token)).toEqual(transient);
  });

  it('expires after 10 minutes', () => {
    const t = clock();
    const codec = createOidcTransientCodec({ secrets: [SECRET], now: t.now });
    const token = codec.seal(transient);
    t.advance(599);
    expect(codec.unseal(token)).toEqual(transient);
    t.advance(1);
    const err = thrown(() => codec.unseal(token));
    expect(err).toMatchObject({ statusCode: 400, code: 'OIDC_STATE_EXPIRED' });
    expect(err.message).toMatch(/10 minutes/);
  });

  it('rejects an expired cookie at the end of a real round trip', async () => {
    const t = clock(Date.now());
    const codec = createOidcTransientCodec({ secrets: [SECRET], now: t.now });
    const { oidc, cookie, reqUrl } = await signInAtProvider(undefined, codec);
    t.advance(601);
    expect(thrown(() => codec.unseal(cookie))).toMatchObject({ code: 'OIDC_STATE_EXPIRED' });
    // The code is still fresh at the provider; a cookie past its time must not reach it.
    t.advance(-601);
    expect((await oidc.callback(reqUrl, codec.unseal(cookie))).username).toBe('alice');
  });

  it('rejects a tampered, foreign or missing cookie', () => {
    const codec = createOidcTransientCodec({ secrets: [SECRET] });
    const token = codec.seal(transient);
    const parts = token.split('.');
    const body = parts[3]!;
    parts[3] = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(thrown(() => codec.unseal(parts.join('.')))).toMatchObject({
      statusCode: 400,
      code: 'OIDC_STATE_INVALID',
    });
    expect(thrown(() => codec.unseal('garbage'))).toMatchObject({ code: 'OIDC_STATE_INVALID' });

    const foreign = createOidcTransientCodec({ secrets: [OLD_SECRET] }).seal(transient);
    expect(thrown(() => codec.unseal(foreign))).toMatchObject({ code: 'OIDC_STATE_INVALID' });

    const missing = thrown(() => codec.unseal(undefined));
    expect(missing).toMatchObject({ statusCode: 400, code: 'OIDC_STATE_MISSING' });
    expect(missing.message).toMatch(/start the sign-in again/);
  });

  it('opens cookies sealed with a rotated-out secret', () => {
    const before = createOidcTransientCodec({ secrets: [OLD_SECRET] }).seal(transient);
    expect(createOidcTransientCodec({ secrets: [SECRET, OLD_SECRET] }).unseal(before)).toEqual(transient);
  });

  it('is never taken for a session, nor a session for it', () => {
    const sessions = createSessionCodec({ secrets: [SECRET] });
    const codec = createOidcTransientCodec({ secrets: [SECRET] });
    expect(sessions.verify(codec.seal(transient)).ok).toBe(false);
    const { token } = sessions.issue({ sub: 'alice', kind: 'user', groups: [], via: 'oidc' });
    expect(thrown(() => codec.unseal(token))).toMatchObject({ code: 'OIDC_STATE_INVALID' });
  });

  it('is scoped to the oidc routes and lives 10 minutes', () => {
    expect(OIDC_TRANSIENT_COOKIE).toBe('vtdeck_oidc');
    expect(oidcTransientCookieOptions({ secure: true })).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/api/v2/session/oidc',
      maxAge: 600,
    });
  });
});

describe('auth.oidc config', () => {
  const base = {
    issuer: 'https://sso.example.com/realms/vt',
    clientId: 'vtdeck',
    clientSecret: 's3cret',
    redirectUri: `https://vtdeck.example.com${OIDC_CALLBACK_PATH}`,
  };

  it('fills in the defaults', () => {
    expect(parseOidcConfig(base)).toEqual({
      ...base,
      scopes: 'openid profile email groups',
      groupsClaim: 'groups',
      usernameClaim: 'preferred_username',
      allowInsecureHttp: false,
    });
  });

  function problems(raw: unknown): string[] {
    try {
      parseOidcConfig(raw);
    } catch (e) {
      if (e instanceof AuthConfigError) return e.problems;
      throw e;
    }
    return [];
  }

  it('names missing and unknown keys', () => {
    const { clientSecret: _, ...noSecret } = base;
    expect(problems(noSecret).join('\n')).toMatch(/^auth\.oidc: .*clientSecret/m);
    expect(problems({ ...base, extra: 1 }).join('\n')).toMatch(/^auth\.oidc: /m);
    expect(problems({ ...base, scopes: 'profile email' })).toEqual([
      expect.stringMatching(/^auth\.oidc\.scopes: /),
    ]);
  });

  it('wants https, except for a loopback provider with allowInsecureHttp', () => {
    expect(problems({ ...base, issuer: 'http://sso.example.com' })).toEqual([
      'auth.oidc.issuer: must be https (http only with allowInsecureHttp: true and a loopback host)',
    ]);
    expect(problems({ ...base, issuer: 'http://sso.example.com', allowInsecureHttp: true })).toHaveLength(1);
    expect(problems({ ...base, issuer: 'http://127.0.0.1:9000' })).toHaveLength(1);
    expect(problems({ ...base, issuer: 'http://127.0.0.1:9000', allowInsecureHttp: true })).toEqual([]);
    expect(problems({ ...base, redirectUri: `http://vtdeck.example.com${OIDC_CALLBACK_PATH}` })).toEqual([
      'auth.oidc.redirectUri: must be https unless the host is loopback',
    ]);
  });

  it("wants the redirect URI to be the BFF's callback route", () => {
    expect(problems({ ...base, redirectUri: 'https://vtdeck.example.com/callback' })).toEqual([
      `auth.oidc.redirectUri: must end with ${OIDC_CALLBACK_PATH} (the BFF's callback route)`,
    ]);
    expect(problems({ ...base, redirectUri: 'not a url' })[0]).toMatch(/^auth\.oidc\.redirectUri: /);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
