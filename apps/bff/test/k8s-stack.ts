import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeFake, startKubeFake, writeKubeconfig } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN } from '../src/auth/demo-auth';
import { resolveConfig } from '../src/config';
import { type Client, client, type DemoRole, demoSessions, type SignedIn } from './helpers';

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
  return {
    ...client(url, { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }),
    app,
    kube,
    url,
    auditLogPath: config.auth.auditLogPath,
    as: demoSessions(url),
    async close() {
      await app.close();
      await kube.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
