import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo, VtctlResult } from '@vtdeck/contracts';
import { type Sandbox, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { hashPassword } from '../src/auth/passwords';
import { resolveConfig } from '../src/config';
import { type Client, client, sessionCookie } from './helpers';

// Replicas share nothing but their config: a session is a sealed cookie, so one opened on one
// replica works on any replica with the same session secret (behind a Service, each request may
// land anywhere), and on none without it.

const SECRET = 'replica-shared-session-secret-0123456789abcdef';
const NEXT_SECRET = 'the-next-session-secret-after-rotation-987654';
const OTHER_SECRET = 'a-different-deployments-session-secret-5555';

let sandbox: Sandbox;
let dir: string;
const apps: FastifyInstance[] = [];
let passwordHash: Promise<string>;

async function replica(secrets: string[], name: string): Promise<Client> {
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: sandbox.clusters.map((c, i) => ({
        name: c.name,
        default: i === 0,
        vtctld: { url: c.vtctld.url },
      })),
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: {
        users: [{ username: 'alice', passwordHash: await passwordHash }],
        grants: [{ subjects: ['user:alice'], role: 'admin' }],
        session: { secrets },
        auditLog: { path: join(dir, `${name}.audit.log`) },
      },
    },
    {},
    { sandbox: false },
  );
  const app = await buildApp(config, { logger: false });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return client(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, {});
}

let a: Client;
let b: Client;
let rotated: Client;
let stranger: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ parts: { kube: false, routers: false, vtgate: false } });
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-stateless-'));
  passwordHash = hashPassword('alice-password');
  [a, b, rotated, stranger] = await Promise.all([
    replica([SECRET], 'a'),
    replica([SECRET], 'b'),
    replica([NEXT_SECRET, SECRET], 'rotated'),
    replica([OTHER_SECRET], 'stranger'),
  ]);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sessions across replicas', () => {
  it('a session opened on one replica works on another, writes included', async () => {
    const signIn = await a.post<SessionInfo>('/api/v2/session', {
      username: 'alice',
      password: 'alice-password',
    });
    expect(signIn.status).toBe(200);
    const cookie = sessionCookie(signIn.headers);
    const csrf = signIn.body.csrfToken!;

    const who = await b.get<SessionInfo>('/api/v2/session', { cookie });
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ name: 'alice', via: 'password' });
    // The CSRF token comes from the session itself, so the other replica checks it too.
    expect(who.body.csrfToken).toBe(csrf);
    const write = await b.post<VtctlResult>('/api/vtctl/', ['GetKeyspaces'], {
      cookie,
      'x-csrf-token': csrf,
    });
    expect(write.status).toBe(200);
    expect(write.body.Error).toBe('');
    const forged = await b.post('/api/vtctl/', ['GetKeyspaces'], { cookie, 'x-csrf-token': `${csrf}x` });
    expect(forged.status).toBe(403);

    // Rotation: a replica that signs with a new secret still opens sessions sealed with the old one.
    expect((await rotated.get('/api/v2/session', { cookie })).status).toBe(200);
    // A replica with another secret cannot read it.
    const refused = await stranger.get<{ code: string }>('/api/v2/session', { cookie });
    expect(refused.status).toBe(401);
    expect((await stranger.get('/api/keyspaces/', { cookie })).status).toBe(401);
  });
});
