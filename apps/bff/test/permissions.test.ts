import { readFile } from 'node:fs/promises';
import type { AuditEntry, ErrorBody } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRole, type Stack, startStack, uniqueName } from './helpers';

// The permission matrix: every role × every mutating route of the seed × a keyspace inside and
// outside the grant, over HTTP against the real sandbox. Demo grants: viewer sees every keyspace,
// developer has `commerce`, dba has `customer*`, admin everything. Only dba on customer and admin
// may change anything; a denial must never reach vtctld, and every attempt is in the audit log.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

type Keyspace = 'customer' | 'commerce';
const SHARD: Record<Keyspace, string> = { customer: 'customer/-80', commerce: 'commerce/0' };
const PRIMARY: Record<Keyspace, string> = { customer: 'zone1-0000000200', commerce: 'zone1-0000000100' };
const REPLICA: Record<Keyspace, string> = { customer: 'zone1-0000000201', commerce: 'zone1-0000000101' };

interface Case {
  /** runs as the admin token before the attempt (not counted) */
  setup?: (ks: Keyspace) => Promise<unknown>;
  path: '/api/vtctl/' | '/api/schema/apply';
  body: (ks: Keyspace, fresh: string) => unknown;
  action: string;
}

const vtctl = (args: string[]) => stack.post('/api/vtctl/', args);
const freshKeyspace = async (ks: Keyspace, withShard = false) => {
  const name = uniqueName(ks);
  await vtctl(['CreateKeyspace', name]);
  if (withShard) await vtctl(['CreateShard', `${name}/0`]);
  return name;
};
// Names a tablet: look it up once as admin, so the check of the attempt is answered from the cache.
const warmTablet = (alias: string) => vtctl(['GetTablet', alias]);

const CASES: Record<string, Case> = {
  CreateKeyspace: {
    path: '/api/vtctl/',
    body: (ks) => ['CreateKeyspace', uniqueName(ks)],
    action: 'vtctl',
  },
  DeleteKeyspace: {
    setup: (ks) => freshKeyspace(ks),
    path: '/api/vtctl/',
    body: (_ks, fresh) => ['DeleteKeyspace', '-recursive', fresh],
    action: 'vtctl',
  },
  RebuildKeyspaceGraph: { path: '/api/vtctl/', body: (ks) => ['RebuildKeyspaceGraph', ks], action: 'vtctl' },
  CreateShard: {
    setup: (ks) => freshKeyspace(ks),
    path: '/api/vtctl/',
    body: (_ks, fresh) => ['CreateShard', `${fresh}/0`],
    action: 'vtctl',
  },
  DeleteShard: {
    setup: (ks) => freshKeyspace(ks, true),
    path: '/api/vtctl/',
    body: (_ks, fresh) => ['DeleteShard', '-recursive', '-even_if_serving', `${fresh}/0`],
    action: 'vtctl',
  },
  InitShardMaster: {
    setup: (ks) => warmTablet(PRIMARY[ks]),
    path: '/api/vtctl/',
    body: (ks) => ['InitShardMaster', '-force', SHARD[ks], PRIMARY[ks]],
    action: 'vtctl',
  },
  ReparentTablet: {
    setup: (ks) => warmTablet(REPLICA[ks]),
    path: '/api/vtctl/',
    body: (ks) => ['ReparentTablet', REPLICA[ks]],
    action: 'vtctl',
  },
  'schema/apply': {
    path: '/api/schema/apply',
    body: (ks) => ({ Keyspace: ks, SQL: `CREATE TABLE ${uniqueName('t')} (id bigint, primary key (id))` }),
    action: 'schema.apply',
  },
};

const ROLES: DemoRole[] = ['viewer', 'developer', 'dba', 'admin'];
const KEYSPACES: Keyspace[] = ['customer', 'commerce'];
const allowed = (role: DemoRole, ks: Keyspace) => role === 'admin' || (role === 'dba' && ks === 'customer');

async function auditEntry(requestId: string): Promise<AuditEntry | undefined> {
  const lines = (await readFile(stack.auditLogPath, 'utf8')).split('\n').filter(Boolean);
  return lines.map((l) => JSON.parse(l) as AuditEntry).find((e) => e.requestId === requestId);
}

let seq = 0;
describe.each(ROLES)('as %s', (role) => {
  describe.each(Object.keys(CASES))('%s', (name) => {
    const c = CASES[name]!;
    it.each(KEYSPACES)('on keyspace %s', async (ks) => {
      const fresh = String((await c.setup?.(ks)) ?? '');
      const user = await stack.as(role);
      const requestId = `perm-${role}-${name.replace('/', '-')}-${ks}-${seq++}`;
      const before = stack.sandbox.requestCount('prod/vtctld');
      const res = await user.post<ErrorBody | { Error: string }>(c.path, c.body(ks, fresh), {
        'x-request-id': requestId,
      });
      const entry = await auditEntry(requestId);

      if (allowed(role, ks)) {
        expect(res.status).toBe(200);
        expect(entry).toMatchObject({ user: role, action: c.action, target: { cluster: 'prod' } });
        expect(entry?.result).toBe((res.body as { Error: string }).Error ? 'error' : 'ok');
        return;
      }
      expect(res.status).toBe(403);
      const body = res.body as ErrorBody;
      expect(body.code).toBe('FORBIDDEN');
      expect(body.message).toMatch(/^permission denied: .*needs role dba on keyspace "/);
      expect(stack.sandbox.requestCount('prod/vtctld')).toBe(before);
      expect(entry).toMatchObject({ user: role, action: c.action, result: 'denied', message: body.message });
    });
  });
});
