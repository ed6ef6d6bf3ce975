import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Health, Readiness } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { resolveConfig } from '../src/config';
import { type Stack, startStack } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('operations endpoints', () => {
  it('/healthz answers while the process lives', async () => {
    const res = await stack.get<Health>('/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('/readyz lists every upstream', async () => {
    const res = await stack.get<Readiness>('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.upstreams.map((u) => [u.cluster, u.source, u.reachable])).toEqual([
      ['prod', 'vtctld', true],
      ['staging', 'vtctld', true],
    ]);
  });
});

describe('request ids', () => {
  it('keeps a well-formed X-Request-Id and makes one otherwise', async () => {
    const kept = await stack.get('/healthz', { 'x-request-id': 'trace-123' });
    expect(kept.headers.get('x-request-id')).toBe('trace-123');
    const made = await stack.get('/healthz', { 'x-request-id': 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('web app', () => {
  it('says how to build the web app when dist is missing, and keeps /api JSON', async () => {
    const home = await stack.get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(home.text).toContain('pnpm build');
    const deep = await stack.get('/clusters/prod/topology');
    expect(deep.headers.get('content-type')).toContain('text/html');
    const api = await stack.get('/api/v2/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});

describe('built web app', () => {
  it('serves files, falls back to index.html for client routes, and keeps /api JSON', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'vtdeck-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const config = resolveConfig(
      {
        clusters: [{ name: 'prod', vtctld: { url: stack.sandbox.clusters[0]?.vtctld.url ?? '' } }],
        web: { distDir: dist },
        auth: { auditLog: { path: `${dist}-audit/audit.log` } },
      },
      {},
      { sandbox: true },
    );
    const app = await buildApp(config, { logger: false });
    try {
      const home = await app.inject({ url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('id="root"');
      const asset = await app.inject({ url: '/assets/app.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toContain('javascript');
      const route = await app.inject({ url: '/clusters/prod/tablets/zone1-0000000100' });
      expect(route.statusCode).toBe(200);
      expect(route.body).toContain('id="root"');
      const api = await app.inject({ url: '/api/v2/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
      const traversal = await app.inject({ url: '/../../etc/passwd' });
      expect(traversal.body).not.toContain('root:');
    } finally {
      await app.close();
      await rm(dist, { recursive: true, force: true });
      await rm(`${dist}-audit`, { recursive: true, force: true });
    }
  });
});
