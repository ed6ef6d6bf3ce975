import type { ErrorBody } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RoutersStack, startRoutersStack } from './routers-stack';

let stack: RoutersStack;
beforeAll(async () => {
  stack = await startRoutersStack();
});
afterAll(async () => {
  await stack?.close();
});

const proxy = (router: string, path: string) => `/api/routers/${router}/api/20190715${path}`;

// Every endpoint of the seed (003: MySQL Router 9.0 REST API), for the metadata-cache router.
const SEED_ENDPOINTS = [
  '/swagger.json',
  '/router/status',
  '/routes',
  '/routes/myCluster_rw/config',
  '/routes/myCluster_rw/status',
  '/routes/myCluster_rw/health',
  '/routes/myCluster_rw/destinations',
  '/routes/myCluster_rw/connections',
  '/routes/myCluster_rw/blockedHosts',
  '/routing/status',
  '/metadata',
  '/metadata/myCluster/config',
  '/metadata/myCluster/status',
  '/connection_pool',
  '/connection_pool/main/config',
  '/connection_pool/main/status',
];
// Answers that do not move with the simulation, compared byte for byte.
const STABLE = new Set([
  '/swagger.json',
  '/router/status',
  '/routes',
  '/routes/myCluster_rw/config',
  '/routes/myCluster_rw/health',
  '/routes/myCluster_rw/destinations',
  '/metadata',
  '/connection_pool',
  '/connection_pool/main/config',
]);

describe('GET /api/routers/{name}/api/20190715/*', () => {
  it.each(SEED_ENDPOINTS)('passes %s through with the credentials added server-side', async (path) => {
    const [res, direct] = await Promise.all([
      stack.get(proxy('router-1', path)),
      stack.direct(stack.router1, path),
    ]);
    const directText = await direct.text();
    expect(direct.status).toBe(200);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(res.headers.get('www-authenticate')).toBeNull();
    if (STABLE.has(path)) expect(res.text).toBe(directText);
    else expect(Object.keys(JSON.parse(res.text)).sort()).toEqual(Object.keys(JSON.parse(directText)).sort());
  });

  it('answers HEAD on swagger.json like the Router', async () => {
    const res = await fetch(stack.url + proxy('router-1', '/swagger.json'), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    const direct = await stack.direct(stack.router1, '/swagger.json', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-length')).toBe(direct.headers.get('content-length'));
  });

  it("keeps the Router's own answers: health 500 of a dead route, 404 problem JSON, 400 on a query", async () => {
    stack.router1.setRouteAlive('myCluster_x_ro', false);
    try {
      const dead = await stack.get(proxy('router-1', '/routes/myCluster_x_ro/health'));
      expect(dead.status).toBe(500);
      expect(dead.body).toEqual({ isAlive: false });
    } finally {
      stack.router1.setRouteAlive('myCluster_x_ro', true);
    }
    const missing = await stack.get(proxy('router-1', '/routs'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.body).toEqual({ instance: '/api/20190715/routs', title: 'URI not found', status: 404 });
    const query = await stack.get(proxy('router-1', '/routes?x=1'));
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ detail: 'parameters not allowed' });
  });

  it('serves the static router too, including its 404 on /metadata', async () => {
    const routes = await stack.get<{ items: { name: string }[] }>(proxy('router-2', '/routes'));
    expect(routes.body.items.map((i) => i.name)).toEqual(['static_ro', 'static_rw']);
    expect((await stack.get(proxy('router-2', '/metadata'))).status).toBe(404);
  });

  it('acts on the cluster named by X-Vtdeck-Cluster, else the default one', async () => {
    const prod = await stack.get<{ items: { name: string }[] }>(proxy('router-1', '/routes'));
    expect(prod.body.items[0]!.name).toBe('myCluster_ro');
    const staging = await stack.get<{ items: { name: string }[] }>(proxy('router-1', '/routes'), {
      'x-vtdeck-cluster': 'staging',
    });
    expect(staging.body.items.map((i) => i.name)).toEqual(['static_ro', 'static_rw']);
    const unknown = await stack.get<ErrorBody>(proxy('router-2', '/routes'), {
      'x-vtdeck-cluster': 'staging',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ROUTER_NOT_FOUND');
  });

  it('is read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await stack.send<ErrorBody>(method, proxy('router-1', '/routes'), {});
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  // The stack's default client sends `Authorization: Bearer …`: a Router answers 400 to any scheme but
  // Basic, so every 200 here also shows the caller's own credentials were replaced, not forwarded.
  it('needs a signed-in user, whose own credentials never reach the Router', async () => {
    expect((await stack.anonymous.get(proxy('router-1', '/routes'))).status).toBe(401);
    const viewer = await stack.signInViewer();
    expect((await viewer.get(proxy('router-1', '/router/status'))).status).toBe(200);
  });

  it('gives a wrong password, an untrusted certificate and a down router distinct errors', async () => {
    const wrong = await stack.get<ErrorBody>(proxy('wrong-pass', '/routes'));
    expect(wrong.status).toBe(502);
    expect(wrong.headers.get('www-authenticate')).toBeNull();
    expect(wrong.body).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', source: 'router:wrong-pass' });
    const tls = await stack.get<ErrorBody>(proxy('untrusted', '/routes'));
    expect(tls.status).toBe(502);
    expect(tls.body).toMatchObject({ code: 'UPSTREAM_TLS', source: 'router:untrusted' });
    const down = await stack.get<ErrorBody>(proxy('down', '/routes'));
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', source: 'router:down' });
    // swagger.json is public on the Router: the wrong password does not matter there.
    expect((await stack.get(proxy('wrong-pass', '/swagger.json'))).status).toBe(200);
  });

  it('trusts nothing but the CA unless the router is marked insecure', async () => {
    expect((await stack.get(proxy('insecure', '/router/status'))).status).toBe(200);
  });
});
