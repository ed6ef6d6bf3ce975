import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readiness } from '@vtdeck/contracts';
import { type Sandbox, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { resolveConfig } from '../src/config';
import { sandboxClusterConfig } from '../src/sandbox-clusters';

// /readyz probes every upstream of every cluster and reports each; none of them failing (or all of
// them) makes the replica unready: it stays in its Service and serves what still works.

let sandbox: Sandbox;
let app: FastifyInstance;
let url: string;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ clusters: ['prod'], parts: { kube: true, routers: true, vtgate: false } });
  const prod = sandbox.cluster('prod');
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-readiness-'));
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: [
        {
          ...sandboxClusterConfig(prod),
          // Nothing listens on port 9 of loopback: a vtgate that is down from the start.
          vtgate: { url: 'mysql://app:vtgate-secret@127.0.0.1:9', connectTimeoutMs: 1_000 },
        },
      ],
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: { auditLog: { path: join(dir, 'audit.log') } },
    },
    {},
    { sandbox: true },
  );
  app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

async function readyz(): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

const summary = (body: Readiness) =>
  body.upstreams.map((u) => [u.source, u.name ?? '', u.reachable, u.kind ?? '']);

describe('/readyz', () => {
  it('reports each upstream, and is ready with one of them down', async () => {
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(summary(body)).toEqual([
      ['vtctld', '', true, ''],
      ['kubernetes', '', true, ''],
      ['vtgate', '', false, 'unreachable'],
      ['router', 'router-1', true, ''],
      ['router', 'router-2', true, ''],
    ]);
    const vtgate = body.upstreams.find((u) => u.source === 'vtgate')!;
    expect(vtgate.url).toBe('mysql://127.0.0.1:9'); // no credentials in the answer
    expect(vtgate.message).toMatch(/^vtgate of cluster prod: /);
    expect(body.upstreams.every((u) => u.cluster === 'prod' && u.latencyMs >= 0)).toBe(true);
  });

  it('stays ready while Kubernetes and a Router are down, and says so', async () => {
    await sandbox.setFault('prod/kube', { down: true });
    await sandbox.setFault('prod/router-1', { down: true });
    try {
      const { status, body } = await readyz();
      expect(status).toBe(200);
      expect(summary(body)).toEqual([
        ['vtctld', '', true, ''],
        ['kubernetes', '', false, 'unreachable'],
        ['vtgate', '', false, 'unreachable'],
        ['router', 'router-1', false, 'unreachable'],
        ['router', 'router-2', true, ''],
      ]);
    } finally {
      await sandbox.setFault('prod/kube', { down: false });
      await sandbox.setFault('prod/router-1', { down: false });
    }
    expect(summary((await readyz()).body)[1]).toEqual(['kubernetes', '', true, '']);
  });

  it('/healthz never asks an upstream', async () => {
    await sandbox.setFault('prod/vtctld', { down: true });
    try {
      const before = sandbox.requestCount('prod/kube');
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(sandbox.requestCount('prod/kube')).toBe(before);
    } finally {
      await sandbox.setFault('prod/vtctld', { down: false });
    }
  });
});
