// The SQL console's test stack: the sandbox (vtctld fake + MariaDB as vtgate) for one cluster, the
// real app on loopback with one API token per role, and NDJSON reading over real HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlEvent } from '@vtdeck/contracts';
import { type Sandbox, startSandbox, type VtgateFake } from '@vtdeck/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { hashApiToken } from '../src/auth/passwords';
import { type AppConfig, type ConfigFile, resolveConfig } from '../src/config';

export type Role = 'viewer' | 'developer' | 'dba' | 'admin' | 'other';

// developer: developer on commerce only; dba: dba on commerce only; other: developer on customer only.
const GRANTS = [
  { subjects: ['group:viewers'], role: 'viewer', keyspaces: ['*'] },
  { subjects: ['group:developers'], role: 'developer', keyspaces: ['commerce'] },
  { subjects: ['group:dbas'], role: 'dba', keyspaces: ['commerce'] },
  { subjects: ['group:others'], role: 'developer', keyspaces: ['customer'] },
  { subjects: ['group:admins'], role: 'admin' },
];
const GROUP: Record<Role, string> = {
  viewer: 'viewers',
  developer: 'developers',
  dba: 'dbas',
  admin: 'admins',
  other: 'others',
};
const token = (role: Role) => `vtd_sql_test_${role}_token_0123456789`;

export interface SqlStackOptions {
  sql?: ConfigFile['sql'];
  poolSize?: number;
}

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SqlStack {
  sandbox: Sandbox;
  vtgate: VtgateFake;
  vtgateUrl: string;
  app: FastifyInstance;
  config: AppConfig;
  url: string;
  post<T = unknown>(path: string, body: unknown, role?: Role): Promise<HttpAnswer<T>>;
  get<T = unknown>(path: string, role?: Role): Promise<HttpAnswer<T>>;
  /** Runs a script on cluster prod; a 200 gives its events, anything else the JSON body. */
  run(
    body: Record<string, unknown>,
    role?: Role,
  ): Promise<{ status: number; events: SqlEvent[]; body: unknown }>;
  close(): Promise<void>;
}

export async function startSqlStack(options: SqlStackOptions = {}): Promise<SqlStack> {
  const sandbox = await startSandbox({ clusters: ['prod'], parts: { kube: false, routers: false } });
  const cluster = sandbox.cluster('prod');
  if (!cluster.vtgate.available) {
    await sandbox.close();
    throw new Error(`the sandbox has no vtgate: ${cluster.vtgate.reason}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-sql-test-'));
  const roles = Object.keys(GROUP) as Role[];
  const config = resolveConfig({
    logLevel: 'silent',
    clusters: [
      {
        name: 'prod',
        default: true,
        vtctld: { url: cluster.vtctld.url },
        vtgate: {
          url: cluster.vtgate.url,
          dbaUrl: cluster.vtgate.dbaUrl,
          flavor: 'mysql',
          poolSize: options.poolSize ?? 8,
        },
      },
    ],
    web: { distDir: '/nonexistent/vtdeck-web-dist' },
    sql: options.sql,
    auth: {
      serviceAccounts: roles.map((r) => ({
        name: `sql-${r}`,
        tokenHash: hashApiToken(token(r)),
        groups: [GROUP[r]],
      })),
      grants: GRANTS,
      session: { secrets: ['sql-test-session-secret-0123456789abcdef'] },
      auditLog: { path: join(dir, 'audit.log') },
    },
  });
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const send = async <T>(path: string, init: RequestInit, role: Role): Promise<HttpAnswer<T>> => {
    const res = await fetch(url + path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token(role)}` },
    });
    const text = await res.text();
    const body = res.headers.get('content-type')?.includes('application/json') ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: body as T };
  };
  const post = <T>(path: string, body: unknown, role: Role = 'admin') =>
    send<T>(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      role,
    );

  return {
    sandbox,
    vtgate: cluster.vtgate.fake,
    vtgateUrl: cluster.vtgate.url,
    app,
    config,
    url,
    post,
    get: (path, role = 'admin') => send(path, {}, role),
    async run(body, role = 'admin') {
      const answer = await post<unknown>(
        '/api/v2/clusters/prod/sql',
        { keyspace: 'commerce', ...body },
        role,
      );
      if (answer.status !== 200) return { status: answer.status, events: [], body: answer.body };
      const events = String(answer.body)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SqlEvent);
      return { status: 200, events, body: answer.body };
    },
    async close() {
      await app.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function eventsOf<T extends SqlEvent['type']>(
  events: SqlEvent[],
  type: T,
): Extract<SqlEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SqlEvent, { type: T }> => e.type === type);
}

/** The rows of one statement, across its `rows` events. */
export function rowsOf(events: SqlEvent[], statement = 0): unknown[][] {
  return eventsOf(events, 'rows')
    .filter((e) => e.statement === statement)
    .flatMap((e) => e.rows);
}
