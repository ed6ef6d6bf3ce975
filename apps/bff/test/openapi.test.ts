import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { type Sandbox, startSandbox } from '@vtdeck/sandbox';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { resolveConfig } from '../src/config';
import { DOCS_PATH, OPENAPI_PATH, openApiPath } from '../src/http/openapi';
import { sandboxClusterConfig } from '../src/sandbox-clusters';

// The document against the routes Fastify really registered (collected with an onRoute hook, apart
// from @fastify/swagger's own collection), with every upstream kind and OIDC configured so that
// every route group exists.

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<
    string,
    { description?: string; content?: Record<string, { example?: unknown; examples?: unknown }> }
  >;
  security?: unknown[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  tags: { name: string; description: string }[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let sandbox: Sandbox;
let app: FastifyInstance;
let url: string;
let dir: string;
const routes: { method: string; url: string; hidden: boolean }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ parts: { kube: true, routers: true, vtgate: false } });
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-openapi-'));
  const config = resolveConfig(
    {
      logLevel: 'silent',
      clusters: sandbox.clusters.map((c, i) => ({
        ...sandboxClusterConfig(c),
        default: i === 0,
        // Never connected to: the SQL routes exist for every cluster with a vtgate.
        vtgate: { url: 'mysql://app:secret@127.0.0.1:9' },
      })),
      web: { distDir: '/nonexistent/vtdeck-web-dist' },
      auth: {
        auditLog: { path: join(dir, 'audit.log') },
        // Discovery happens on the first sign-in only: the provider is never asked here.
        oidc: {
          issuer: 'https://sso.example.com/realms/vitess',
          clientId: 'vtdeck',
          clientSecret: 'oidc-client-secret',
          redirectUri: 'https://vtdeck.example.com/api/v2/session/oidc/callback',
        },
      },
    },
    {},
    { sandbox: true },
  );
  app = await buildApp(config, {
    logger: false,
    onRoute: (route: RouteOptions) => {
      const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
      for (const method of ([] as string[]).concat(route.method))
        routes.push({ method, url: route.url, hidden });
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

async function fetchDocument(): Promise<Document> {
  const res = await fetch(url + OPENAPI_PATH);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as Document;
}

// Hidden on purpose: Swagger UI's own files, and the Prometheus text format of /metrics.
const HIDDEN = /^GET (\/api\/docs(\/.*)?|\/metrics)$/;

/** The operations the document must have: every route but the hidden ones and Fastify's automatic HEADs. */
function apiRoutes() {
  const hidden = routes.filter((r) => r.hidden && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  expect(hidden.filter((r) => !HIDDEN.test(r))).toEqual([]);
  return routes.filter((r) => r.method !== 'HEAD' && !r.hidden);
}

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'vtdeck BFF', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    // The official schema of OpenAPI 3.1, plus the parser's own checks (path parameters declared...).
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('has every registered route, and nothing else', async () => {
    const doc = await fetchDocument();
    const registered = apiRoutes();
    // The groups the issue names, so an empty registry cannot pass.
    for (const needle of [
      'GET /api/keyspaces/',
      'POST /api/vtctl/',
      'POST /api/v1/namespaces/:namespace/pods',
      'GET /api/routers/:router/api/20190715/*',
      'POST /api/v2/session',
      'GET /api/v2/session/oidc/callback',
      'GET /api/v2/clusters/:cluster/topology',
      'POST /api/v2/clusters/:cluster/sql',
      'GET /healthz',
      'GET /readyz',
    ]) {
      expect(registered.map((r) => `${r.method} ${r.url}`)).toContain(needle);
    }
    const missing = registered.filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]);
    expect(missing).toEqual([]);

    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => HTTP_METHODS.includes(m) && m !== 'head')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const expected = new Set(registered.map((r) => `${r.method} ${openApiPath(r.url)}`));
    expect(documented.filter((op) => !expected.has(op))).toEqual([]);
    expect(documented).toHaveLength(expected.size);
  });

  it('describes each operation: summary, tag, answers, parameters and who may call it', async () => {
    const doc = await fetchDocument();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.summary, where).toBeTruthy();
        expect(op.tags?.length, where).toBe(1);
        expect(
          doc.tags.map((t) => t.name),
          where,
        ).toContain(op.tags![0]);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => /^[23]\d\d$/.test(s)) || statuses.includes('405'), where).toBe(true);
        for (const [status, answer] of Object.entries(op.responses)) {
          expect(answer.description, `${where} ${status}`).toBeTruthy();
          expect(answer.description, `${where} ${status}`).not.toBe('Default Response');
        }
        // Every {param} of the path is a declared path parameter.
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          expect(
            op.parameters?.some((p) => p.in === 'path' && p.name === name),
            `${where} {${name}}`,
          ).toBe(true);
        }
        // Probes, sign-in and the docs are public; everything else needs a token or a session.
        const isPublic =
          !path.startsWith('/api') ||
          path === OPENAPI_PATH ||
          (path.startsWith('/api/v2/session') && !(path === '/api/v2/session' && method === 'delete'));
        expect(op.security, where).toEqual(isPublic ? [] : expect.arrayContaining([{ apiToken: [] }]));
      }
    }
    expect(Object.keys(doc.components.schemas)).toContain('ErrorBody');
  });

  it('documents the seed envelopes, the cluster header, streams and errors', async () => {
    const doc = await fetchDocument();
    const vtctl = doc.paths['/api/vtctl/']!.post!;
    expect(vtctl.tags).toEqual(['seed: vtctld']);
    expect(vtctl.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'x-vtdeck-cluster' }),
    );
    expect(vtctl.responses['200']!.content!['application/json']).toMatchObject({
      schema: { required: ['Error', 'Output'] },
    });
    expect(vtctl.responses['403']!.content!['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/ErrorBody' },
    });
    expect(vtctl.security).toEqual([{ apiToken: [] }, { session: [], csrf: [] }]);
    // The seed's cluster routes answer their errors in the seed's envelope too.
    const pods = doc.paths['/api/k8sns/{namespace}/pods']!.get!;
    expect(pods.responses['401']!.content!['application/json']).toMatchObject({
      schema: { required: ['Code', 'Message'] },
    });
    const sql = doc.paths['/api/v2/clusters/{cluster}/sql']!.post!;
    expect(Object.keys(sql.responses['200']!.content!)).toEqual(['application/x-ndjson']);
    expect(sql.responses['409']!.content!['application/json']).toMatchObject({
      schema: { required: expect.arrayContaining(['statements']) },
    });
    const log = doc.paths['/api/v2/clusters/{cluster}/k8s/namespaces/{namespace}/pods/{name}/log']!.get!;
    expect(Object.keys(log.responses['200']!.content!)).toEqual(['text/plain']);
    const tablets = doc.paths['/api/tablets/']!.post!;
    expect(Object.keys(tablets.requestBody!.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
  });

  it('carries examples for the key requests and answers', async () => {
    const doc = await fetchDocument();
    const hasExample = (media: { example?: unknown; examples?: unknown } | undefined) =>
      media?.example !== undefined || media?.examples !== undefined;
    const body = (path: string, method: string) =>
      doc.paths[path]![method]!.requestBody!.content['application/json'];
    const answer = (path: string, method: string, status = '200') =>
      doc.paths[path]![method]!.responses[status]!.content!['application/json'];
    for (const [path, method] of [
      ['/api/vtctl/', 'post'],
      ['/api/schema/apply', 'post'],
      ['/api/k8sns', 'post'],
      ['/api/v1/namespaces/{namespace}/pods', 'post'],
      ['/api/v2/session', 'post'],
      ['/api/v2/clusters/{cluster}/sql', 'post'],
      ['/api/v2/clusters/{cluster}/k8s/namespaces', 'post'],
    ] as const) {
      expect(hasExample(body(path, method)), `${method} ${path} body`).toBe(true);
    }
    for (const [path, method] of [
      ['/api/keyspaces/', 'get'],
      ['/api/vtctl/', 'post'],
      ['/api/k8sns', 'get'],
      ['/api/v2/session', 'get'],
      ['/api/v2/clusters', 'get'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
    ] as const) {
      expect(hasExample(answer(path, method)), `${method} ${path} answer`).toBe(true);
    }
  });
});

describe('/api/docs', () => {
  it('serves Swagger UI without signing in, under a CSP its files satisfy', async () => {
    const res = await fetch(url + DOCS_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<div id="swagger-ui">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // Every script is a file of this origin (no inline script the CSP would block)...
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', inline = ''] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attrs)?.[1] ?? '';
      expect(src).toMatch(/^\/api\/docs\/static\//);
      const file = await fetch(url + src);
      expect(file.status, src).toBe(200);
      expect(file.headers.get('content-type'), src).toContain('javascript');
      expect((await file.text()).length, src).toBeGreaterThan(0);
    }
    // ...and the UI loads the same document.
    const json = await fetch(`${url}${DOCS_PATH}/json`);
    expect(json.status).toBe(200);
    expect(((await json.json()) as Document).paths).toEqual((await fetchDocument()).paths);
  });

  it('leaves the rest of /api behind sign-in', async () => {
    expect((await fetch(`${url}/api/keyspaces/`)).status).toBe(401);
  });
});
