import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo } from '@vtdeck/contracts';
import { type KubeFake, startKubeFake, writeKubeconfig } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN, DEMO_USERS } from '../src/auth/demo-auth';
import { resolveConfig } from '../src/config';
import { type Client, client, type DemoRole, type SignedIn, sessionCookie } from './helpers';

/**
 * The BFF with one cluster (`prod`) whose Kubernetes API is the sandbox's fake, reached through
 * @kubernetes/client-node over real HTTP with a kubeconfig file, and a second cluster (`staging`)
 * without Kubernetes. Fast pod timings so lifecycles finish within a test.
 */
export interface K8sStack extends Client {
  app: FastifyInstance;
  kube: KubeFake;
  url: string;
  auditLogPath: string;
  as(role: DemoRole): Promise<SignedIn>;
  close(): Promise<void>;
}

export async function startK8sStack(): Promise<K8sStack> {
  const kube = await startKubeFake({
    dataset: 'demo',
    podStartDelayMs: 150,
    podStopDelayMs: 50,
    namespaceDeleteDelayMs: 150,
    logIntervalMs: 100,
  });
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-k8s-test-'));
  const kubeconfig = await writeKubeconfig(kube.url, join(dir, 'kubeconfig'), { name: 'fake' });
  // vtctld is never asked by the cluster routes: a closed port stands in for it.
  const vtctld = { url: 'http://127.0.0.1:9' };
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: [
        { name: 'prod', default: true, vtctld, kubernetes: { kubeconfig, context: 'fake' } },
        { name: 'staging', vtctld },
      ],
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: { auditLog: { path: join(dir, 'audit.log') } },
    },
    {},
    { sandbox: true },
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const anonymous = client(url, {});
  const sessions = new Map<DemoRole, Promise<SignedIn>>();
  const signIn = async (role: DemoRole): Promise<SignedIn> => {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const res = await anonymous.post<SessionInfo>('/api/v2/session', {
      username: user.username,
      password: user.password,
    });
    if (res.status !== 200) throw new Error(`sign-in of ${user.username} failed: ${res.status} ${res.text}`);
    const cookie = sessionCookie(res.headers);
    const csrfToken = res.body.csrfToken ?? '';
    return { ...client(url, { cookie, 'x-csrf-token': csrfToken }), cookie, csrfToken, info: res.body };
  };
  return {
    ...client(url, { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }),
    app,
    kube,
    url,
    auditLogPath: config.auth.auditLogPath,
    as(role) {
      let pending = sessions.get(role);
      if (!pending) {
        pending = signIn(role);
        sessions.set(role, pending);
      }
      return pending;
    },
    async close() {
      await app.close();
      await kube.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
