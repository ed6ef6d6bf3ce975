import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Readiness, RouterDetail } from '@vtdeck/contracts';
import { type Sandbox, startSandbox, writeKubeconfig } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { DEMO_ADMIN_TOKEN } from '../src/auth/demo-auth';
import { resolveConfig } from '../src/config';
import { type Client, client } from './helpers';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy';

// The caller's X-Request-Id travels with every upstream call the request causes (vtctld over undici,
// the Kubernetes API through client-node, MySQL Router over undici and the raw pass-through), and
// names the request in the BFF's JSON log lines. Each upstream is the sandbox's fake behind a
// recording proxy on loopback, so the test sees exactly what the fakes were sent.

let sandbox: Sandbox;
let app: FastifyInstance;
let api: Client;
let dir: string;
const proxies: Record<'vtctld' | 'kube' | 'router', RecordingProxy> = {} as never;
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clusters: ['prod'], parts: { kube: true, routers: true, vtgate: false } });
  const prod = sandbox.cluster('prod');
  const router = prod.routers[0]!;
  proxies.vtctld = await startRecordingProxy(prod.vtctld.url);
  proxies.kube = await startRecordingProxy(prod.kube!.url);
  proxies.router = await startRecordingProxy(router.url, router.caPem);
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-request-id-'));
  const kubeconfig = await writeKubeconfig(proxies.kube.url, join(dir, 'kubeconfig'), { name: 'proxy' });
  const config = resolveConfig(
    {
      clusters: [
        {
          name: 'prod',
          vtctld: { url: proxies.vtctld.url },
          kubernetes: { kubeconfig, context: 'proxy' },
          routers: [
            { name: router.name, url: proxies.router.url, user: router.user, password: router.password },
          ],
        },
      ],
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: { auditLog: { path: join(dir, 'audit.log') } },
    },
    {},
    { sandbox: true },
  );
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(config, { logger: { level: 'info', stream } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  api = client(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, {
    authorization: `Bearer ${DEMO_ADMIN_TOKEN}`,
  });
});

afterAll(async () => {
  await app?.close();
  await Promise.all(Object.values(proxies).map((p) => p.close()));
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const sent = (proxy: RecordingProxy, requestId: string) =>
  proxy.seen.filter((r) => r.requestId === requestId).map((r) => `${r.method} ${r.path.split('?')[0]}`);

describe('X-Request-Id to the upstreams', () => {
  it('reaches vtctld from the seed routes and the topology', async () => {
    expect((await api.get('/api/keyspaces/', { 'x-request-id': 'rid-seed-1' })).status).toBe(200);
    expect(sent(proxies.vtctld, 'rid-seed-1')).toEqual(['GET /api/keyspaces/']);
    const vtctl = await api.post('/api/vtctl/', ['GetKeyspaces'], { 'x-request-id': 'rid-seed-2' });
    expect(vtctl.status).toBe(200);
    expect(sent(proxies.vtctld, 'rid-seed-2')).toEqual(['POST /api/vtctl/']);

    expect((await api.get('/api/v2/clusters/prod/topology', { 'x-request-id': 'rid-topo' })).status).toBe(
      200,
    );
    const topology = sent(proxies.vtctld, 'rid-topo');
    expect(topology).toContain('GET /api/keyspaces/');
    expect(topology.length).toBeGreaterThan(3); // cells, keyspaces, shards, tablets: each with the id
  });

  it('reaches the Kubernetes API through client-node', async () => {
    const list = await api.get('/api/v2/clusters/prod/k8s/namespaces', { 'x-request-id': 'rid-k8s-1' });
    expect(list.status).toBe(200);
    expect(sent(proxies.kube, 'rid-k8s-1')).toEqual(['GET /api/v1/namespaces']);
    const detail = await api.get('/api/v2/clusters/prod/k8s/namespaces/vitess', {
      'x-request-id': 'rid-k8s-2',
    });
    expect(detail.status).toBe(200);
    expect(sent(proxies.kube, 'rid-k8s-2')).toEqual([
      'GET /api/v1/namespaces/vitess',
      'GET /api/v1/namespaces/vitess/events',
    ]);
    // The seed routes share the same operations.
    expect((await api.get('/api/k8sns/vitess/pods', { 'x-request-id': 'rid-k8s-3' })).status).toBe(200);
    expect(sent(proxies.kube, 'rid-k8s-3')).toEqual(['GET /api/v1/namespaces/vitess/pods']);
  });

  it('reaches MySQL Router, through the console routes and the raw pass-through', async () => {
    const detail = await api.get<RouterDetail>('/api/v2/clusters/prod/routers/router-1');
    expect(detail.status).toBe(200);
    const route = detail.body.routes[0]!.name;
    const blocked = await api.get(`/api/v2/clusters/prod/routers/router-1/routes/${route}/blocked-hosts`, {
      'x-request-id': 'rid-router-1',
    });
    expect(blocked.status).toBe(200);
    expect(sent(proxies.router, 'rid-router-1')).toEqual([`GET /api/20190715/routes/${route}/blockedHosts`]);

    const raw = await api.get('/api/routers/router-1/api/20190715/router/status', {
      'x-request-id': 'rid-router-2',
    });
    expect(raw.status).toBe(200);
    expect(sent(proxies.router, 'rid-router-2')).toEqual(['GET /api/20190715/router/status']);
  });

  it('reaches every upstream /readyz probes', async () => {
    const ready = await api.get<Readiness>('/readyz', { 'x-request-id': 'rid-ready' });
    expect(ready.status).toBe(200);
    expect(ready.body.upstreams.map((u) => [u.source, u.reachable])).toEqual([
      ['vtctld', true],
      ['kubernetes', true],
      ['router', true],
    ]);
    expect(sent(proxies.vtctld, 'rid-ready')).toEqual(['GET /api/cells/']);
    expect(sent(proxies.kube, 'rid-ready')).toEqual(['GET /version']);
    expect(sent(proxies.router, 'rid-ready')).toEqual(['GET /api/20190715/router/status']);
  });
});

describe('JSON logs', () => {
  it('are one JSON object a line, and name the request id', async () => {
    await api.get('/api/keyspaces/', { 'x-request-id': 'rid-log-1' });
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = lines.filter((l) => l.reqId === 'rid-log-1');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[1]).toMatchObject({ level: 30, res: { statusCode: 200 }, time: expect.any(Number) });
    // Credentials never reach the log.
    expect(logLines.join('\n')).not.toContain(DEMO_ADMIN_TOKEN);
  });
});
