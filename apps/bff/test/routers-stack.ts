import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RouterFake, startRouterFake } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { Agent } from 'undici';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN } from '../src/auth/demo-auth';
import { resolveConfig } from '../src/config';
import { type Client, client, sessionCookie } from './helpers';

/**
 * The BFF with MySQL Router fakes over HTTPS: `router-1` (metadata cache) and `router-2` (static)
 * trusted through a CA file, plus three broken entries (wrong password, untrusted certificate, a
 * Router that is down) and staging's `router-1`, which is the static fake, for X-Vtdeck-Cluster.
 */
export interface RoutersStack extends Client {
  app: FastifyInstance;
  url: string;
  token: string;
  anonymous: Client;
  /** The demo viewer, signed in with a session cookie. */
  signInViewer(): Promise<Client>;
  router1: RouterFake;
  router2: RouterFake;
  down: RouterFake;
  /** Calls a fake directly (trusting its CA), to compare with the pass-through. */
  direct(fake: RouterFake, path: string, init?: { method?: string }): Promise<globalThis.Response>;
  close(): Promise<void>;
}

export async function startRoutersStack(): Promise<RoutersStack> {
  const [router1, router2, down] = await Promise.all([
    startRouterFake({ name: 'router-1', config: 'metadata-cache', tickMs: 100 }),
    startRouterFake({ name: 'router-2', config: 'static', tickMs: 100 }),
    startRouterFake({ name: 'router-3', config: 'static' }),
  ]);
  await down.server.setFault({ down: true });
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-routers-test-'));
  const caFile = join(dir, 'router-ca.pem');
  await writeFile(caFile, router1.caPem);
  const entry = (name: string, fake: RouterFake, extra: Record<string, unknown> = { ca: caFile }) => ({
    name,
    url: fake.url,
    user: fake.user,
    password: fake.password,
    ...extra,
  });
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: [
        {
          name: 'prod',
          default: true,
          // Never called by these tests.
          vtctld: { url: 'http://127.0.0.1:9' },
          routers: [
            entry('router-1', router1),
            entry('router-2', router2),
            { ...entry('wrong-pass', router1), password: 'not-the-password' },
            entry('untrusted', router1, {}),
            entry('down', down),
            entry('insecure', router2, { insecure: true }),
          ],
        },
        { name: 'staging', vtctld: { url: 'http://127.0.0.1:9' }, routers: [entry('router-1', router2)] },
      ],
      routerPolling: { intervalMs: 200, historySize: 40, connectionsIntervalMs: 200, connectionsIdleMs: 800 },
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: { auditLog: { path: join(dir, 'audit.log') } },
    },
    {},
    { sandbox: true },
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const trusting = new Agent({ connect: { ca: router1.caPem } });
  return {
    ...client(url, { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }),
    app,
    url,
    token: DEMO_ADMIN_TOKEN,
    anonymous: client(url, {}),
    async signInViewer() {
      const res = await client(url, {}).post('/api/v2/session', {
        username: 'viewer',
        password: 'viewer-demo',
      });
      if (res.status !== 200) throw new Error(`viewer sign-in failed: ${res.status} ${res.text}`);
      return client(url, { cookie: sessionCookie(res.headers) });
    },
    router1,
    router2,
    down,
    direct: (fake, path, init = {}) =>
      fetch(`${fake.url}/api/20190715${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Basic ${Buffer.from(`${fake.user}:${fake.password}`).toString('base64')}`,
        },
        // @ts-expect-error undici's fetch option, not in the DOM RequestInit type
        dispatcher: trusting,
      }),
    async close() {
      await app.close();
      await trusting.close();
      await Promise.all([router1.close(), router2.close(), down.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
