import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRouters, type RouterFake, startRouterFake } from '../src/router';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field by the assertions
  json: () => any;
}

interface Call {
  method?: string;
  /** false: no Authorization header; a string: that header verbatim. Default: the fake's credentials. */
  auth?: false | string;
  headers?: Record<string, string>;
  /** Trust this CA instead of the fake's (undefined trusts only the system store). */
  ca?: string | null;
}

const BASE = '/api/20190715';
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function call(router: RouterFake, path: string, options: Call = {}): Promise<Reply> {
  const basic = `Basic ${Buffer.from(`${router.user}:${router.password}`).toString('base64')}`;
  const authorization = options.auth === undefined ? basic : options.auth;
  const headers: Record<string, string> = { ...options.headers };
  if (authorization !== false) headers.authorization = authorization;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${router.url}${path}`,
      {
        method: options.method ?? 'GET',
        headers,
        ca: options.ca === undefined ? router.caPem : (options.ca ?? undefined),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const api = (router: RouterFake, path: string, options?: Call) => call(router, `${BASE}${path}`, options);

async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let r1: RouterFake;
let r2: RouterFake;

beforeAll(async () => {
  const [one, two] = demoRouters();
  // A slow clock: tests that want movement call tick() or start their own fast router.
  r1 = await startRouterFake({ ...one, tickMs: 60_000 });
  r2 = await startRouterFake({ ...two, tickMs: 60_000 });
});

afterAll(async () => {
  await Promise.all([r1?.close(), r2?.close()]);
});

describe('TLS and authentication', () => {
  it('serves HTTPS with a certificate that only the exported CA validates', async () => {
    await expect(api(r1, '/routes', { ca: null })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect((await api(r1, '/routes')).status).toBe(200);
    expect(r1.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 with a Basic challenge and an empty body without or with wrong credentials', async () => {
    const wrong = `Basic ${Buffer.from(`${r1.user}:nope`).toString('base64')}`;
    for (const auth of [false, wrong] as const) {
      const reply = await api(r1, '/routes', { auth });
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('basic realm="default_realm"');
      expect(reply.headers['content-length']).toBe('0');
      expect(reply.headers['content-type']).toBeUndefined();
      expect(reply.text).toBe('');
    }
  });

  it('answers 400 with an empty body to an unparseable Authorization header', async () => {
    for (const auth of ['Bearer abc', 'Basic !!!', `Basic ${Buffer.from('nocolon').toString('base64')}`]) {
      const reply = await api(r1, '/router/status', { auth });
      expect(reply.status).toBe(400);
      expect(reply.text).toBe('');
    }
  });

  it('serves swagger.json without credentials, on GET and HEAD', async () => {
    const get = await api(r1, '/swagger.json', { auth: false });
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toBe('application/json');
    const doc = get.json();
    expect(doc).toMatchObject({ swagger: '2.0', basePath: '/api/20190715', info: { version: '20190715' } });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/connection_pool',
        '/metadata',
        '/router/status',
        '/routing/status',
        '/routes',
      ]),
    );
    expect(doc.definitions.RoutingGlobalStatus.totalMaxConnections).toBeTypeOf('string');

    const head = await api(r1, '/swagger.json', { method: 'HEAD', auth: false });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    expect(head.text).toBe('');
  });

  it('leaves disabled plugins out of swagger.json', async () => {
    const doc = (await api(r2, '/swagger.json', { auth: false })).json();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/metadata'))).toBe(false);
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['connectionpool', 'app', 'routes']);
  });
});

describe('request rules', () => {
  it('rejects methods other than GET with 405 before checking credentials', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const reply = await api(r1, '/routes/myCluster_rw/status', { method, auth: false });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET');
      if (method !== 'HEAD') {
        expect(reply.headers['content-type']).toBe('application/problem+json');
        expect(reply.text).toBe(
          '{"detail":"only HTTP Methods GET are supported","title":"HTTP Method not allowed","status":405}',
        );
      }
    }
    const swagger = await api(r1, '/swagger.json', { method: 'POST', auth: false });
    expect(swagger.status).toBe(405);
    expect(swagger.headers.allow).toBe('GET,HEAD');
    expect(swagger.json().detail).toBe('only HTTP Methods GET,HEAD are supported');
  });

  it('answers unknown paths under the base with problem JSON and no auth check', async () => {
    const reply = await api(r1, '/routs?x=1', { auth: false });
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.text).toBe('{"instance":"/api/20190715/routs","title":"URI not found","status":404}');
  });

  it('answers paths outside the base with the HTML error page', async () => {
    const reply = await call(r1, '/api/20200101/routes');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.text).toContain('<TITLE>404 Not Found</TITLE>');
  });

  it('answers unknown route, metadata and pool names with 404 URI not found', async () => {
    for (const path of [
      '/routes/nope/config',
      '/routes/nope/status',
      '/routes/nope/health',
      '/routes/nope/destinations',
      '/routes/nope/connections',
      '/routes/nope/blockedHosts',
      '/metadata/nope/config',
      '/metadata/nope/status',
      '/connection_pool/nope/config',
      '/connection_pool/nope/status',
    ]) {
      const reply = await api(r1, path);
      expect(reply.status, path).toBe(404);
      expect(reply.json(), path).toEqual({ instance: `${BASE}${path}`, title: 'URI not found', status: 404 });
    }
  });

  it('rejects query strings with 400, except fetchWholeTopology on metadata config', async () => {
    const routes = await api(r1, '/routes?limit=1');
    expect(routes.status).toBe(400);
    expect(routes.text).toBe('{"detail":"parameters not allowed","title":"validation error","status":400}');
    expect((await api(r1, '/metadata/myCluster/config?fetchWholeTopology=1')).status).toBe(200);
    expect(r1.simulation.metadata?.fetchWholeTopology).toBe(true);
    expect((await api(r1, '/metadata/myCluster/config?fetchWholeTopology=0')).status).toBe(200);
    const bad = await api(r1, '/metadata/myCluster/config?fetchWholeTopology=yes');
    expect(bad.status).toBe(400);
    expect(bad.json().detail).toBe('unsupported parameter');
  });

  it('accepts a trailing slash on lists and items but not on /router/status', async () => {
    expect((await api(r1, '/routes/')).status).toBe(200);
    expect((await api(r1, '/routes/myCluster_rw/status/')).status).toBe(200);
    expect((await api(r1, '/router/status/')).status).toBe(404);
  });
});

describe('endpoints of a metadata-cache router', () => {
  it('GET /router/status, with Last-Modified and 304', async () => {
    const reply = await api(r1, '/router/status');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    const body = reply.json();
    expect(Object.keys(body)).toEqual(['processId', 'productEdition', 'timeStarted', 'version', 'hostname']);
    expect(body).toMatchObject({ productEdition: 'MySQL Community - GPL', hostname: 'router-1' });
    expect(body.timeStarted).toMatch(ISO_MICROS);
    const lastModified = reply.headers['last-modified'] as string;
    expect(lastModified).toMatch(/GMT$/);
    const cached = await api(r1, '/router/status', { headers: { 'if-modified-since': lastModified } });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
  });

  it('GET /routes lists the routes sorted bytewise', async () => {
    expect((await api(r1, '/routes')).json()).toEqual({
      items: [
        { name: 'myCluster_ro' },
        { name: 'myCluster_rw' },
        { name: 'myCluster_x_ro' },
        { name: 'myCluster_x_rw' },
      ],
    });
  });

  it('GET /routes/{name}/config with the real keys in order', async () => {
    const body = (await api(r1, '/routes/myCluster_x_ro/config')).json();
    expect(Object.keys(body)).toEqual([
      'bindAddress',
      'bindPort',
      'clientConnectTimeoutInMs',
      'destinationConnectTimeoutInMs',
      'maxActiveConnections',
      'maxConnectErrors',
      'protocol',
      'socket',
      'routingStrategy',
    ]);
    expect(body).toMatchObject({
      bindPort: 6449,
      protocol: 'x',
      routingStrategy: 'round-robin-with-fallback',
    });
    const rw = (await api(r1, '/routes/myCluster_rw/config')).json();
    expect(rw).toMatchObject({ bindPort: 6446, protocol: 'classic', routingStrategy: 'first-available' });
  });

  it('GET /routes/{name}/status, /health, /destinations, /blockedHosts', async () => {
    const status = (await api(r1, '/routes/myCluster_ro/status')).json();
    expect(Object.keys(status)).toEqual(['activeConnections', 'totalConnections', 'blockedHosts']);
    expect(status.totalConnections).toBeGreaterThanOrEqual(status.activeConnections);

    const health = await api(r1, '/routes/myCluster_rw/health');
    expect(health.status).toBe(200);
    expect(health.text).toBe('{"isAlive":true}');

    const rw = (await api(r1, '/routes/myCluster_rw/destinations')).json();
    expect(rw.items).toEqual([
      { address: 'mycluster-0.mycluster-instances.mysql.svc.cluster.local', port: 3306 },
    ]);
    const xro = (await api(r1, '/routes/myCluster_x_ro/destinations')).json();
    expect(xro.items.map((d: { port: number }) => d.port)).toEqual([33060, 33060]);

    expect((await api(r1, '/routes/myCluster_rw/blockedHosts')).json()).toEqual({ items: [] });
  });

  it('GET /routes/{name}/connections with the real keys, addresses and timestamps', async () => {
    r1.tick(3);
    const items = (await api(r1, '/routes/myCluster_ro/connections')).json().items as Record<
      string,
      unknown
    >[];
    expect(items.length).toBeGreaterThan(0);
    const destinations = ['mycluster-1', 'mycluster-2'];
    for (const c of items) {
      expect(Object.keys(c).slice(0, 5)).toEqual([
        'bytesFromServer',
        'bytesToServer',
        'sourceAddress',
        'destinationAddress',
        'timeStarted',
      ]);
      expect(c.sourceAddress).toMatch(/^\d+\.\d+\.\d+\.\d+:\d+$/);
      expect(destinations.some((d) => String(c.destinationAddress).startsWith(d))).toBe(true);
      for (const key of [
        'timeStarted',
        'timeConnectedToServer',
        'timeLastSentToServer',
        'timeLastReceivedFromServer',
      ]) {
        if (key in c) expect(c[key]).toMatch(ISO_MICROS);
      }
      if ('timeConnectedToServer' in c) expect(c.bytesToServer).toBeGreaterThan(0);
    }
  });

  it('GET /routing/status', async () => {
    const body = (await api(r1, '/routing/status')).json();
    expect(Object.keys(body)).toEqual(['maxTotalConnections', 'currentTotalConnections']);
    expect(body.maxTotalConnections).toBe(512);
  });

  it('GET /metadata, /metadata/{name}/config and /status', async () => {
    expect((await api(r1, '/metadata')).json()).toEqual({ items: [{ name: 'myCluster' }] });
    const config = (await api(r1, '/metadata/myCluster/config')).json();
    expect(config).toMatchObject({ clusterName: 'myCluster', timeRefreshInMs: 500 });
    expect(config.groupReplicationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(config.nodes).toHaveLength(3);
    const status = (await api(r1, '/metadata/myCluster/status')).json();
    expect(Object.keys(status).slice(0, 2)).toEqual(['refreshFailed', 'refreshSucceeded']);
    expect(status.refreshSucceeded).toBeGreaterThan(0);
    expect(status.timeLastRefreshSucceeded).toMatch(ISO_MICROS);
    expect(status).toMatchObject({ lastRefreshPort: 3306 });
  });

  it('GET /connection_pool, /connection_pool/main/config and /status', async () => {
    expect((await api(r1, '/connection_pool')).json()).toEqual({ items: [{ name: 'main' }] });
    expect((await api(r1, '/connection_pool/main/config')).text).toBe(
      '{"maxIdleServerConnections":64,"idleTimeoutInMs":5000}',
    );
    const status = (await api(r1, '/connection_pool/main/status')).json();
    expect(Object.keys(status)).toEqual(['idleServerConnections', 'stashedServerConnections']);
  });
});

describe('a static router', () => {
  it('lists its static routes and their fixed destinations', async () => {
    expect((await api(r2, '/routes')).json()).toEqual({
      items: [{ name: 'static_ro' }, { name: 'static_rw' }],
    });
    const config = (await api(r2, '/routes/static_rw/config')).json();
    expect(config).not.toHaveProperty('socket');
    expect(config.routingStrategy).toBe('first-available');
    expect((await api(r2, '/routes/static_ro/destinations')).json().items).toHaveLength(3);
  });

  it('has no metadata cache plugin, so /metadata is not found', async () => {
    const reply = await api(r2, '/metadata');
    expect(reply.status).toBe(404);
    expect(reply.json().title).toBe('URI not found');
  });

  it('keeps listing a down static destination but stops routing to it', async () => {
    r2.setDestinationDown('static_rw', '10.0.1.21:3306', true);
    r2.tick(5);
    expect((await api(r2, '/routes/static_rw/destinations')).json().items).toHaveLength(2);
    const items = (await api(r2, '/routes/static_rw/connections')).json().items as {
      destinationAddress: string;
    }[];
    expect(items.every((c) => c.destinationAddress === '10.0.1.22:3306')).toBe(true);
    expect((await api(r2, '/routes/static_rw/health')).json()).toEqual({ isAlive: true });
    r2.setDestinationDown('static_rw', '10.0.1.21', false);
  });
});

describe('simulated failures', () => {
  it('a dead route answers /health with 500 {"isAlive":false} and has no destinations', async () => {
    r1.setRouteAlive('myCluster_x_rw', false);
    const health = await api(r1, '/routes/myCluster_x_rw/health');
    expect(health.status).toBe(500);
    expect(health.headers['content-type']).toBe('application/json');
    expect(health.text).toBe('{"isAlive":false}');
    expect((await api(r1, '/routes/myCluster_x_rw/destinations')).json()).toEqual({ items: [] });
    expect((await api(r1, '/routes/myCluster_x_rw/status')).json().activeConnections).toBe(0);
    r1.setRouteAlive('myCluster_x_rw', true);
    expect((await api(r1, '/routes/myCluster_x_rw/health')).status).toBe(200);
  });

  it('losing the primary fails over: the rw route moves to a former secondary', async () => {
    const primary = 'mycluster-0.mycluster-instances.mysql.svc.cluster.local';
    r1.setDestinationDown('myCluster_rw', primary, true);
    const rw = (await api(r1, '/routes/myCluster_rw/destinations')).json().items;
    expect(rw).toEqual([{ address: 'mycluster-1.mycluster-instances.mysql.svc.cluster.local', port: 3306 }]);
    const ro = (await api(r1, '/routes/myCluster_ro/destinations')).json().items;
    expect(ro).toEqual([{ address: 'mycluster-2.mycluster-instances.mysql.svc.cluster.local', port: 3306 }]);
    const conns = (await api(r1, '/routes/myCluster_rw/connections')).json().items as {
      destinationAddress: string;
    }[];
    expect(conns.some((c) => c.destinationAddress.startsWith(primary))).toBe(false);
    r1.setDestinationDown('myCluster_rw', `${primary}:3306`, false);
    const back = (await api(r1, '/routes/myCluster_ro/destinations')).json().items;
    expect(back.map((d: { address: string }) => d.address)).toContain(primary);
  });

  it('every node down empties the routes and fails refreshes', async () => {
    const router = await startRouterFake({ name: 'router-x', config: 'metadata-cache', tickMs: 60_000 });
    try {
      for (const i of [0, 1, 2]) {
        router.setDestinationDown(
          'myCluster_ro',
          `mycluster-${i}.mycluster-instances.mysql.svc.cluster.local`,
          true,
        );
      }
      expect((await api(router, '/routes/myCluster_rw/health')).status).toBe(500);
      expect((await api(router, '/routes/myCluster_ro/health')).status).toBe(500);
      expect((await api(router, '/metadata/myCluster/status')).json().refreshFailed).toBeGreaterThan(0);
    } finally {
      await router.close();
    }
  });

  it('a failing metadata refresh grows refreshFailed and sets timeLastRefreshFailed', async () => {
    const before = (await api(r1, '/metadata/myCluster/status')).json();
    r1.setMetadataRefreshFailing(true);
    r1.tick(2);
    r1.setMetadataRefreshFailing(false);
    const after = (await api(r1, '/metadata/myCluster/status')).json();
    expect(after.refreshFailed).toBeGreaterThanOrEqual(before.refreshFailed + 2);
    expect(after.timeLastRefreshFailed).toMatch(ISO_MICROS);
  });

  it('blocks a client host once its connection errors reach maxConnectErrors', async () => {
    r1.recordConnectErrors('myCluster_rw', '10.9.9.9', 99);
    expect((await api(r1, '/routes/myCluster_rw/blockedHosts')).json().items).not.toContain('10.9.9.9');
    r1.recordConnectErrors('myCluster_rw', '10.9.9.9', 1);
    expect((await api(r1, '/routes/myCluster_rw/blockedHosts')).json().items).toContain('10.9.9.9');
    const status = (await api(r1, '/routes/myCluster_rw/status')).json();
    expect(status.blockedHosts).toBeGreaterThanOrEqual(1);
  });

  it('rejects control calls naming an unknown route or destination', () => {
    expect(() => r1.setRouteAlive('nope', false)).toThrow(/no route 'nope'/);
    expect(() => r1.setDestinationDown('myCluster_rw', '10.1.1.1', true)).toThrow(/no destination/);
  });
});

describe('the simulation clock and fault injection', () => {
  let fast: RouterFake;
  beforeAll(async () => {
    fast = await startRouterFake({ name: 'router-fast', config: 'metadata-cache', tickMs: 15, seed: 7 });
  });
  afterAll(async () => {
    await fast?.close();
  });

  it('moves counters, connections and refreshes as ticks pass', async () => {
    const snapshot = async () => ({
      status: (await api(fast, '/routes/myCluster_ro/status')).json(),
      meta: (await api(fast, '/metadata/myCluster/status')).json(),
    });
    const first = await snapshot();
    await eventually(async () => {
      const now = await snapshot();
      return (
        now.status.totalConnections > first.status.totalConnections &&
        now.meta.refreshSucceeded > first.meta.refreshSucceeded
      );
    });
    const conns = (await api(fast, '/routes/myCluster_ro/connections')).json().items as {
      bytesFromServer: number;
    }[];
    expect(conns.some((c) => c.bytesFromServer > 89)).toBe(true);
  });

  it('down closes the port (ECONNREFUSED) and up reopens it on the same URL', async () => {
    await fast.server.setFault({ down: true });
    await expect(api(fast, '/routes')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await fast.server.setFault({ down: false });
    expect((await api(fast, '/routes')).status).toBe(200);
  });

  it('errorRate answers with the HTTP server error page, latency delays answers', async () => {
    await fast.server.setFault({ errorRate: 1 });
    const failed = await api(fast, '/routes');
    expect(failed.status).toBe(500);
    expect(failed.headers['content-type']).toBe('text/html');
    await fast.server.setFault({ errorRate: 0, latencyMs: 120 });
    const started = Date.now();
    expect((await api(fast, '/routes')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await fast.server.setFault({ latencyMs: 0 });
  });

  it('stops its clock on close', async () => {
    const router = await startRouterFake({ name: 'router-closing', config: 'static', tickMs: 5 });
    await router.close();
    const total = () => [...router.simulation.routes.values()].reduce((n, r) => n + r.totalConnections, 0);
    const before = total();
    await new Promise((r) => setTimeout(r, 60));
    expect(total()).toBe(before);
  });
});
