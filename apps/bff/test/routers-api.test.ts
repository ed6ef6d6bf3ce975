import type {
  ErrorBody,
  RouteConnections,
  RouteDetail,
  RouterDetail,
  RouterHistory,
  RouterList,
} from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type RoutersStack, startRoutersStack } from './routers-stack';

let stack: RoutersStack;
beforeAll(async () => {
  stack = await startRoutersStack();
});
afterAll(async () => {
  await stack?.close();
});

const base = '/api/v2/clusters/prod/routers';

describe('GET /api/v2/clusters/{cluster}/routers', () => {
  it('answers every router at a glance, with a distinct error per failure', async () => {
    const res = await stack.get<RouterList>(base);
    expect(res.status).toBe(200);
    const byName = new Map(res.body.items.map((r) => [r.name, r]));
    expect([...byName.keys()]).toEqual([
      'router-1',
      'router-2',
      'wrong-pass',
      'untrusted',
      'down',
      'insecure',
    ]);

    const r1 = byName.get('router-1')!;
    expect(r1.state).toBe('up');
    expect(r1.process).toMatchObject({ version: '9.0.1', hostname: 'router-1' });
    expect(r1.routes.map((r) => r.name)).toEqual([
      'myCluster_ro',
      'myCluster_rw',
      'myCluster_x_ro',
      'myCluster_x_rw',
    ]);
    expect(r1.routes.every((r) => r.alive === true)).toBe(true);
    expect(r1.metadata).toEqual([expect.objectContaining({ name: 'myCluster', clusterName: 'myCluster' })]);
    expect(byName.get('router-2')).toMatchObject({ state: 'up', metadata: [] });
    expect(byName.get('insecure')).toMatchObject({ state: 'up' });

    expect(byName.get('wrong-pass')).toMatchObject({
      state: 'down',
      error: { kind: 'unauthorized', source: 'router:wrong-pass' },
    });
    expect(byName.get('untrusted')).toMatchObject({ state: 'down', error: { kind: 'tls' } });
    expect(byName.get('down')).toMatchObject({ state: 'down', error: { kind: 'unreachable' } });
    expect(byName.get('untrusted')!.error!.message).toMatch(/certificate/);
    expect(res.body.errors.map((e) => e.kind).sort()).toEqual(['tls', 'unauthorized', 'unreachable']);
  });

  it('needs a signed-in user, and any signed-in user may read it', async () => {
    expect((await stack.anonymous.get(base)).status).toBe(401);
    const viewer = await stack.signInViewer();
    expect((await viewer.get(base)).status).toBe(200);
  });

  it('names an unknown cluster', async () => {
    const res = await stack.get<ErrorBody>('/api/v2/clusters/nope/routers');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('nope');
  });
});

describe('GET /api/v2/clusters/{cluster}/routers/{router}', () => {
  it('answers status, metadata cache, routes with config, health and destinations, and pools', async () => {
    const res = await stack.get<RouterDetail>(`${base}/router-1`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ name: 'router-1', cluster: 'prod', url: stack.router1.url, errors: [] });
    expect(d.process.edition).toMatch(/MySQL/);
    expect(d.process.uptimeSeconds).toBeGreaterThanOrEqual(0);
    const [md] = d.metadata;
    expect(md).toMatchObject({
      name: 'myCluster',
      clusterName: 'myCluster',
      timeRefreshInMs: 500,
      failing: false,
    });
    expect(md!.nodes).toHaveLength(3);
    expect(md!.refreshSucceeded).toBeGreaterThan(0);
    const rw = d.routes.find((r) => r.name === 'myCluster_rw')!;
    expect(rw).toMatchObject({
      alive: true,
      config: { bindPort: 6446, protocol: 'classic', routingStrategy: 'first-available' },
    });
    expect(rw.destinations).toEqual([
      { address: 'mycluster-0.mycluster-instances.mysql.svc.cluster.local', port: 3306 },
    ]);
    expect(d.routes.find((r) => r.name === 'myCluster_x_ro')!.config!.protocol).toBe('x');
    expect(d.routing).toEqual({ maxTotalConnections: 512, currentTotalConnections: expect.any(Number) });
    expect(d.pools).toEqual([
      expect.objectContaining({ name: 'main', idleServerConnections: expect.any(Number) }),
    ]);
  });

  it('answers a static router without a metadata cache', async () => {
    const d = (await stack.get<RouterDetail>(`${base}/router-2`)).body;
    expect(d.metadata).toEqual([]);
    expect(d.routes.map((r) => r.name)).toEqual(['static_ro', 'static_rw']);
    expect(d.routes.find((r) => r.name === 'static_rw')!.destinations).toHaveLength(2);
  });

  it('gives a wrong password, an untrusted certificate and a down router distinct errors', async () => {
    const wrong = await stack.get<ErrorBody>(`${base}/wrong-pass`);
    const tls = await stack.get<ErrorBody>(`${base}/untrusted`);
    const down = await stack.get<ErrorBody>(`${base}/down`);
    expect([wrong.status, tls.status, down.status]).toEqual([502, 502, 502]);
    expect(wrong.body).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', source: 'router:wrong-pass' });
    expect(wrong.body.message).toMatch(/refused the configured user and password/);
    expect(tls.body).toMatchObject({ code: 'UPSTREAM_TLS', source: 'router:untrusted' });
    expect(tls.body.message).toMatch(/does not trust/);
    expect(down.body).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', source: 'router:down' });
    expect(down.body.message).toMatch(/unreachable \(.*ECONNREFUSED/);
  });

  it('answers 404 naming the configured routers, and 400 for a malformed name', async () => {
    const res = await stack.get<ErrorBody>(`${base}/router-9`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'ROUTER_NOT_FOUND' });
    expect(res.body.message).toContain('router-1, router-2');
    expect((await stack.get(`${base}/Router_1`)).status).toBe(400);
  });

  it('shows a dead route (health 500 {"isAlive":false}) as a state, not an error', async () => {
    stack.router1.setRouteAlive('myCluster_ro', false);
    try {
      await eventually(async () => {
        const d = (await stack.get<RouterDetail>(`${base}/router-1`)).body;
        const ro = d.routes.find((r) => r.name === 'myCluster_ro')!;
        expect(ro.alive).toBe(false);
        expect(ro.destinations).toEqual([]);
        expect(d.errors).toEqual([]);
      });
      const list = (await stack.get<RouterList>(base)).body;
      expect(list.items[0]!.routes.find((r) => r.name === 'myCluster_ro')!.alive).toBe(false);
    } finally {
      stack.router1.setRouteAlive('myCluster_ro', true);
    }
  });

  it('highlights failing metadata refreshes', async () => {
    stack.router1.setMetadataRefreshFailing(true);
    try {
      await eventually(async () => {
        const d = (await stack.get<RouterDetail>(`${base}/router-1`)).body;
        expect(d.metadata[0]).toMatchObject({ failing: true, timeLastRefreshFailed: expect.any(String) });
        const h = (await stack.get<RouterHistory>(`${base}/router-1/history`)).body;
        expect(h.refreshFailures.some((n) => (n ?? 0) > 0)).toBe(true);
      });
    } finally {
      stack.router1.setMetadataRefreshFailing(false);
    }
  });
});

describe('GET /api/v2/clusters/{cluster}/routers/{router}/history', () => {
  it('keeps a bounded history of samples in columns', async () => {
    await eventually(async () => {
      const h = (await stack.get<RouterHistory>(`${base}/router-1/history`)).body;
      expect(h.times.length).toBeGreaterThanOrEqual(5);
    });
    const h = (await stack.get<RouterHistory>(`${base}/router-1/history`)).body;
    expect(h).toMatchObject({ intervalMs: 200, capacity: 40 });
    expect(h.times.length).toBeLessThanOrEqual(40);
    expect(h.up.every(Boolean)).toBe(true);
    expect(h.routes.map((r) => r.name)).toContain('myCluster_rw');
    for (const r of h.routes) {
      expect(r.active).toHaveLength(h.times.length);
      expect(r.newConnections).toHaveLength(h.times.length);
    }
    expect(h.refreshes.slice(1).some((n) => (n ?? 0) > 0)).toBe(true);
    const since = h.times[h.times.length - 2]!;
    const tail = (await stack.get<RouterHistory>(`${base}/router-1/history?since=${since}`)).body;
    expect(tail.times[0]).toBeGreaterThan(since);
    expect((await stack.get(`${base}/router-1/history?since=yesterday`)).status).toBe(400);
  });

  it('records a down router as down samples', async () => {
    const h = (await stack.get<RouterHistory>(`${base}/down/history`)).body;
    expect(h.up.length).toBeGreaterThan(0);
    expect(h.up.every((u) => u === false)).toBe(true);
  });

  it('stays within its capacity', async () => {
    await eventually(async () => {
      const h = (await stack.get<RouterHistory>(`${base}/router-2/history`)).body;
      expect(h.times.length).toBe(40);
    }, 15_000);
  });
});

describe('routes of a router', () => {
  const route = `${base}/router-1/routes/myCluster_rw`;

  it('answers one route with its blocked hosts', async () => {
    stack.router1.recordConnectErrors('myCluster_rw', '10.9.9.9', 100);
    const res = await stack.get<RouteDetail>(route);
    expect(res.status).toBe(200);
    expect(res.body.route).toMatchObject({ name: 'myCluster_rw', alive: true });
    expect(res.body.blockedHosts).toContain('10.9.9.9');
    const blocked = await stack.get<{ items: string[] }>(`${route}/blocked-hosts`);
    expect(blocked.body.items).toContain('10.9.9.9');
  });

  it('answers 404 for an unknown route', async () => {
    const res = await stack.get<ErrorBody>(`${base}/router-1/routes/nope/connections`);
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('myCluster_rw');
  });

  it('polls connections only while someone looks, and derives bytes per second', async () => {
    const poller = stack.app.routerPollers.get('prod', 'router-1');
    expect(poller.watchedRoutes()).toEqual([]);
    const first = await stack.get<RouteConnections>(`${route}/connections`);
    expect(first.status).toBe(200);
    expect(first.body.intervalMs).toBe(200);
    expect(poller.watchedRoutes()).toEqual(['myCluster_rw']);
    await eventually(async () => {
      const res = await stack.get<RouteConnections>(`${route}/connections`);
      expect(res.body.bytes.times.length).toBeGreaterThanOrEqual(2);
      expect(res.body.items.length).toBeGreaterThan(0);
    });
    const { body } = await stack.get<RouteConnections>(`${route}/connections`);
    const c = body.items[0]!;
    expect(c).toMatchObject({
      sourceAddress: expect.stringMatching(/:\d+$/),
      bytesToServer: expect.any(Number),
    });
    expect(c.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(body.bytes.toServer.some((b) => b > 0) || body.bytes.fromServer.some((b) => b > 0)).toBe(true);
    // Nobody asks any more: polling stops after connectionsIdleMs.
    await eventually(async () => expect(poller.watchedRoutes()).toEqual([]), 5_000);
  });
});
