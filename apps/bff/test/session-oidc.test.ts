import { createServer } from 'node:net';
import type { ErrorBody, SessionInfo, SignInOptions } from '@vtdeck/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OIDC_CALLBACK_PATH } from '../src/auth/oidc-config';
import { TestBrowser } from './auth/fixtures/oidc-browser';
import { startOidcProvider, type TestProvider } from './auth/fixtures/oidc-provider-server';
import { type Stack, startStack } from './helpers';

// OIDC sign-in through the BFF's own routes, against a real OpenID provider (oidc-provider) on
// loopback, with the BFF outside sandbox mode and OIDC as its only way in for people.

const CLIENT = { clientId: 'vtdeck', clientSecret: 'vtdeck-oidc-route-test-secret' };
let provider: TestProvider;
let stack: Stack;
let callback: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  callback = `http://127.0.0.1:${port}${OIDC_CALLBACK_PATH}`;
  provider = await startOidcProvider({
    ...CLIENT,
    redirectUri: callback,
    account: { sub: 'u-1', preferred_username: 'alice', groups: ['dbas'] },
  });
  stack = await startStack({
    port,
    sandboxMode: false,
    auth: {
      oidc: { issuer: provider.issuer, ...CLIENT, redirectUri: callback, allowInsecureHttp: true },
      session: { secrets: ['oidc-route-test-secret-of-32-chars-or-more'] },
      grants: [{ subjects: ['group:dbas'], role: 'dba', keyspaces: ['customer*'] }],
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await provider?.close();
});
beforeEach(() => {
  provider.mode = 'login';
});

const signInWithProvider = async (browser: TestBrowser) => {
  const back = await browser.followUntil(`${stack.url}/api/v2/session/oidc/login`, (u) =>
    u.href.startsWith(callback),
  );
  return browser.get(back);
};

describe('OIDC sign-in routes', () => {
  it('are offered on the sign-in page', async () => {
    const res = await stack.anonymous.get<SignInOptions>('/api/v2/session/options');
    expect(res.body).toEqual({
      sandbox: false,
      demoUsers: [],
      oidc: { enabled: true, loginUrl: '/api/v2/session/oidc/login' },
    });
  });

  it('sign in through the provider and open a session with the groups of the ID token', async () => {
    const browser = new TestBrowser();
    const done = await signInWithProvider(browser);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const session = done.headers.getSetCookie().find((c) => c.startsWith('vtdeck_session='));
    expect(session).toMatch(/HttpOnly/);

    const who = await browser.get(new URL(`${stack.url}/api/v2/session`));
    const info = (await who.json()) as SessionInfo;
    expect(info).toMatchObject({
      user: { name: 'alice', kind: 'user', groups: ['dbas'], via: 'oidc' },
      csrfToken: expect.any(String),
      grants: [{ role: 'dba', keyspaces: ['customer*'] }],
    });
    const keyspaces = await browser.get(new URL(`${stack.url}/api/keyspaces/`));
    expect(await keyspaces.json()).toEqual(['customer']);

    // An OIDC session is a cookie session: writes need the CSRF token.
    const cookie = session!.split(';')[0]!;
    const write = await stack.anonymous.post<ErrorBody>('/api/vtctl/', ['GetKeyspace', 'customer'], {
      cookie,
    });
    expect(write).toMatchObject({ status: 403, body: { code: 'CSRF' } });
    const withToken = await stack.anonymous.post('/api/vtctl/', ['GetKeyspace', 'customer'], {
      cookie,
      'x-csrf-token': info.csrfToken ?? '',
    });
    expect(withToken.status).toBe(200);
  });

  it('send the browser to the sign-in page with the reason when the provider refuses', async () => {
    provider.mode = 'deny';
    const done = await signInWithProvider(new TestBrowser());
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/signin?error=OIDC_DENIED');
    expect(done.headers.getSetCookie().some((c) => c.startsWith('vtdeck_session=v1'))).toBe(false);
  });

  it('refuse a callback without the state cookie of its login', async () => {
    const res = await new TestBrowser().get(new URL(`${callback}?code=forged&state=forged`));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?error=OIDC_STATE_MISSING');
  });

  it('leave password sign-in without users to refuse everyone', async () => {
    const res = await stack.anonymous.post<ErrorBody>('/api/v2/session', {
      username: 'alice',
      password: 'x',
    });
    expect(res).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
  });
});
