// Fault injection, request counting, reset and close for every kind of fake the sandbox runs next to
// vtctld: the Kubernetes API, the MySQL Routers (HTTPS + basic auth) and vtgate (MariaDB behind a proxy).

import { existsSync } from 'node:fs';
import https from 'node:https';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxRouter, startSandbox } from '../src/index';
import { findMariadb, MARIADB_INSTALL_HINT } from '../src/vtgate';

let sandbox: Sandbox;
beforeAll(async () => {
  if (!findMariadb()) throw new Error(MARIADB_INSTALL_HINT);
  sandbox = await startSandbox({ clusters: ['prod'], faults: { 'prod/router-2': { latencyMs: 150 } } });
}, 30_000);
afterAll(() => sandbox.close());

const prod = () => sandbox.cluster('prod');
const vtgateUrl = () => {
  const v = prod().vtgate;
  if (!v.available) throw new Error(`vtgate not running: ${v.reason}`);
  return v.url;
};

async function errorCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    const e = err as Error & { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? e.message;
  }
  return 'no error';
}

function routerGet(
  r: SandboxRouter,
  path: string,
  password = r.password,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${r.url}/api/20190715${path}`,
      { ca: r.caPem, auth: `${r.user}:${password}`, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => {
          body += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function query(sql: string): Promise<unknown[]> {
  const conn = await mysql.createConnection({ uri: vtgateUrl(), database: 'commerce' });
  try {
    const [rows] = await conn.query(sql);
    return rows as unknown[];
  } finally {
    await conn.end();
  }
}

describe('kube part', () => {
  it('counts requests, fails with the apiserver 500 and goes down', async () => {
    const { url } = prod().kube!;
    sandbox.resetCounters();
    expect((await fetch(`${url}/api/v1/namespaces`)).status).toBe(200);
    expect(sandbox.requestCount('prod/kube')).toBe(1);
    await sandbox.setFault('prod/kube', { errorRate: 1 });
    const failed = await fetch(`${url}/api/v1/namespaces`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ reason: 'InternalError', code: 500 });
    await sandbox.setFault('prod/kube', { errorRate: 0, down: true });
    expect(await errorCode(() => fetch(`${url}/version`))).toBe('ECONNREFUSED');
    await sandbox.setFault('prod/kube', { down: false });
    expect((await fetch(`${url}/version`)).status).toBe(200);
  });
});

describe('router parts', () => {
  it('serve HTTPS with basic auth, count requests and take faults by router name', async () => {
    const [r1, r2] = prod().routers as [SandboxRouter, SandboxRouter];
    sandbox.resetCounters();
    expect((await routerGet(r1, '/routes')).status).toBe(200);
    expect((await routerGet(r1, '/routes', 'wrong')).status).toBe(401);
    expect(sandbox.requestCount('prod/router-1')).toBe(2);
    expect(sandbox.requestCount('prod/router-2')).toBe(0);
    // The start fault of router-2 only.
    const t0 = performance.now();
    expect((await routerGet(r2, '/router/status')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await sandbox.setFault('prod/router-1', { errorRate: 1 });
    const failed = await routerGet(r1, '/routes');
    expect(failed.status).toBe(500);
    expect(failed.body).toContain('500 Internal Server Error');
    await sandbox.setFault('prod/router-1', { errorRate: 0, down: true });
    expect(await errorCode(() => routerGet(r1, '/routes'))).toBe('ECONNREFUSED');
    await sandbox.setFault('prod/router-1', { down: false });
    expect((await routerGet(r1, '/routes')).status).toBe(200);
  });
});

describe('vtgate part', () => {
  it('answers SQL through the proxy and counts commands', async () => {
    sandbox.resetCounters();
    expect(await query('SELECT COUNT(*) AS n FROM product')).toEqual([{ n: 60 }]);
    expect(sandbox.requestCount('prod/vtgate')).toBeGreaterThanOrEqual(1);
  });

  it('fails queries like vtgate with errorRate, delays them with latency, refuses when down', async () => {
    await sandbox.setFault('prod/vtgate', { errorRate: 1 });
    const conn = await mysql.createConnection({ uri: vtgateUrl(), database: 'commerce' });
    try {
      const err = await conn.query('SELECT 1').then(
        () => null,
        (e: { errno?: number; sqlState?: string; message: string }) => e,
      );
      expect(err).toMatchObject({ errno: 1105, sqlState: 'HY000' });
      expect(err!.message).toContain('vttablet: rpc error: code = Unavailable');
      await sandbox.setFault('prod/vtgate', { errorRate: 0, latencyMs: 200 });
      const t0 = performance.now();
      await conn.query('SELECT 1');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    } finally {
      await conn.end();
    }
    await sandbox.setFault('prod/vtgate', { latencyMs: 0, down: true });
    expect(await errorCode(() => query('SELECT 1'))).toBe('ECONNREFUSED');
    await sandbox.setFault('prod/vtgate', { down: false });
    expect(await query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('reset and close', () => {
  it('puts kube, MariaDB and vtctld data back to the start set', async () => {
    const { url } = prod().kube!;
    const created = await fetch(`${url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'scratch' } }),
    });
    expect(created.status).toBe(201);
    await query('CREATE TABLE scratch (id int primary key)');
    await sandbox.setFault('prod/kube', { latencyMs: 5 });
    await sandbox.reset({ faults: false });
    expect((await fetch(`${url}/api/v1/namespaces/scratch`)).status).toBe(404);
    expect(sandbox.fakes.get('prod/kube')!.faults).toMatchObject({ latencyMs: 5 });
    expect(await query("SHOW TABLES LIKE 'scratch'")).toEqual([]);
    expect(await query('SELECT COUNT(*) AS n FROM product')).toEqual([{ n: 60 }]);
    await sandbox.reset();
    expect(sandbox.fakes.get('prod/kube')!.faults).toMatchObject({ latencyMs: 0 });
  });

  it('close stops every fake, MariaDB included, and removes the temp dir', async () => {
    const c = prod();
    if (!c.vtgate.available) throw new Error(c.vtgate.reason);
    const pid = c.vtgate.fake.pid;
    expect(() => process.kill(pid, 0)).not.toThrow();
    await sandbox.close();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(c.kube!.kubeconfigPath)).toBe(false);
    expect(existsSync(c.routers[0]!.caFile)).toBe(false);
    expect(existsSync(c.vtgate.fake.tempDir)).toBe(false);
    for (const url of [c.vtctld.url, c.kube!.url]) {
      expect(await errorCode(() => fetch(`${url}/api/`))).toBe('ECONNREFUSED');
    }
    expect(await errorCode(() => query('SELECT 1'))).toBe('ECONNREFUSED');
  });
});
