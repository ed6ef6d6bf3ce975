import { readFile } from 'node:fs/promises';
import type { AuditEntry, AuditPage, ErrorBody, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, uniqueName } from './helpers';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function fileEntries(): Promise<AuditEntry[]> {
  const text = await readFile(stack.auditLogPath, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
}
const byRequest = async (id: string) => (await fileEntries()).filter((e) => e.requestId === id);

describe('what is written', () => {
  it('one entry per allowed change, with who, when, what, target and result', async () => {
    const dba = await stack.as('dba');
    const name = uniqueName('customer_audit');
    const started = Date.now();
    const res = await dba.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name], {
      'x-request-id': 'audit-create-1',
    });
    expect(res.body.Error).toBe('');
    const [entry, ...more] = await byRequest('audit-create-1');
    expect(more).toEqual([]);
    expect(entry).toEqual({
      time: expect.any(String),
      user: 'dba',
      authVia: 'cookie',
      action: 'vtctl',
      args: ['CreateKeyspace', name],
      target: { cluster: 'prod', keyspace: name },
      result: 'ok',
      requestId: 'audit-create-1',
    });
    expect(Date.parse(entry!.time)).toBeGreaterThanOrEqual(started - 1000);

    const again = await dba.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name], {
      'x-request-id': 'audit-create-2',
    });
    expect(await byRequest('audit-create-2')).toMatchObject([{ result: 'error', message: again.body.Error }]);
  });

  it('schema changes, with the SQL, and API-token changes', async () => {
    const table = uniqueName('t');
    const sql = `CREATE TABLE ${table} (id bigint, primary key (id))`;
    await stack.post(
      '/api/schema/apply',
      { Keyspace: 'customer', SQL: sql },
      { 'x-request-id': 'audit-ddl' },
    );
    expect(await byRequest('audit-ddl')).toMatchObject([
      {
        user: 'demo-admin',
        authVia: 'token',
        action: 'schema.apply',
        args: [sql],
        target: { cluster: 'prod', keyspace: 'customer' },
        result: 'ok',
      },
    ]);
  });

  it('targets of tablet commands name the tablet and its keyspace', async () => {
    const dba = await stack.as('dba');
    await dba.post('/api/vtctl/', ['RefreshState', 'zone1-201'], { 'x-request-id': 'audit-tablet' });
    expect(await byRequest('audit-tablet')).toMatchObject([
      { target: { cluster: 'prod', keyspace: 'customer', tablet: 'zone1-0000000201' }, result: 'ok' },
    ]);
  });

  it('denied attempts of every route', async () => {
    const developer = await stack.as('developer');
    await developer.post('/api/vtctl/', ['DeleteKeyspace', 'customer'], { 'x-request-id': 'deny-vtctl' });
    await developer.post(
      '/api/schema/apply',
      { Keyspace: 'customer', SQL: 'drop table t' },
      { 'x-request-id': 'deny-ddl' },
    );
    await developer.get('/api/shards/customer/', { 'x-request-id': 'deny-shards' });
    await developer.get('/api/v2/audit', { 'x-request-id': 'deny-audit' });
    const expected = {
      'deny-vtctl': { action: 'vtctl', args: ['DeleteKeyspace', 'customer'] },
      'deny-ddl': { action: 'schema.apply', args: ['drop table t'] },
      'deny-shards': { action: 'keyspace.read', target: { keyspace: 'customer' } },
      'deny-audit': { action: 'audit.read' },
    };
    for (const [id, fields] of Object.entries(expected)) {
      expect(await byRequest(id)).toMatchObject([
        {
          ...fields,
          user: 'developer',
          result: 'denied',
          message: expect.stringMatching(/^permission denied/),
        },
      ]);
    }
  });

  it('not reads that were allowed', async () => {
    const dba = await stack.as('dba');
    await dba.post('/api/vtctl/', ['GetKeyspace', 'customer'], { 'x-request-id': 'audit-read' });
    await dba.get('/api/keyspaces/', { 'x-request-id': 'audit-list' });
    expect(await byRequest('audit-read')).toEqual([]);
    expect(await byRequest('audit-list')).toEqual([]);
  });
});

describe('GET /api/v2/audit', () => {
  it('pages newest first and filters by user, keyspace and time', async () => {
    const admin = await stack.as('admin');
    const dba = await stack.as('dba');
    const ks = uniqueName('customer_filter');
    const from = new Date().toISOString();
    await dba.post('/api/vtctl/', ['CreateKeyspace', ks]);
    await stack.post('/api/vtctl/', ['RebuildKeyspaceGraph', ks]);
    await dba.post('/api/vtctl/', ['DeleteKeyspace', ks]);

    const all = await admin.get<AuditPage>(`/api/v2/audit?keyspace=${ks}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e) => e.args[0])).toEqual([
      'DeleteKeyspace',
      'RebuildKeyspaceGraph',
      'CreateKeyspace',
    ]);
    const mine = await admin.get<AuditPage>(`/api/v2/audit?keyspace=${ks}&user=dba`);
    expect(mine.body.items.map((e) => e.args[0])).toEqual(['DeleteKeyspace', 'CreateKeyspace']);

    const first = await admin.get<AuditPage>(`/api/v2/audit?keyspace=${ks}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const cursor = first.body.nextCursor ?? '';
    const second = await admin.get<AuditPage>(`/api/v2/audit?keyspace=${ks}&limit=2&cursor=${cursor}`);
    expect(second.body.items.map((e) => e.args[0])).toEqual(['CreateKeyspace']);

    const before = await admin.get<AuditPage>(`/api/v2/audit?keyspace=${ks}&until=${from}`);
    expect(before.body.items).toEqual([]);
    const since = await admin.get<AuditPage>(`/api/v2/audit?since=${from}&limit=1000`);
    expect(since.body.items.every((e) => e.time >= from)).toBe(true);
    expect(since.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 400 for a bad cursor, a bad time or since after until', async () => {
    for (const query of [
      'cursor=abc',
      'cursor=999999999999',
      'since=yesterday',
      'limit=0',
      'since=2030-01-02T00:00:00Z&until=2030-01-01T00:00:00Z',
    ]) {
      const res = await stack.get<ErrorBody>(`/api/v2/audit?${query}`);
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION']);
    }
  });

  it('is for global admins only', async () => {
    for (const role of ['viewer', 'developer', 'dba'] as const) {
      const res = await (await stack.as(role)).get<ErrorBody>('/api/v2/audit');
      expect([role, res.status]).toEqual([role, 403]);
    }
    expect((await stack.anonymous.get('/api/v2/audit')).status).toBe(401);
  });
});
