import type { ErrorBody, Topology, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, uniqueName } from './helpers';

let stack: Stack;
let keyspace: string; // a demo keyspace whose shards all have a primary with tablets
let shard: string;

beforeAll(async () => {
  stack = await startStack();
  const topology = (await stack.get<Topology>('/api/v2/clusters/prod/topology')).body;
  const ready = topology.items.find(
    (k) => k.shards.length > 0 && k.shards.every((s) => s.primaryAlias !== null && s.tablets.length > 0),
  );
  keyspace = ready?.name ?? '';
  shard = ready?.shards[0]?.name ?? '';
});
afterAll(() => stack.close());

describe('GET /api/keyspaces/', () => {
  it('lists the keyspaces of the default cluster as a JSON string array', async () => {
    const res = await stack.get<string[]>('/api/keyspaces/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((n) => typeof n === 'string')).toBe(true);
    expect(keyspace).toBeTruthy();
  });

  it('also answers without the trailing slash', async () => {
    expect((await stack.get('/api/keyspaces')).status).toBe(200);
  });
});

describe('POST /api/vtctl/', () => {
  it('creates a keyspace and reports a duplicate as {Error}', async () => {
    const name = uniqueName('seed');
    const created = await stack.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name]);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ Error: '', Output: expect.any(String) });
    expect(Object.keys(created.body)).toEqual(['Error', 'Output']);
    expect((await stack.get<string[]>('/api/keyspaces/')).body).toContain(name);

    const again = await stack.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name]);
    expect(again.status).toBe(200);
    expect(again.body.Error).toBe(`node already exists: keyspaces/${name}/Keyspace`);
  });

  it('passes an unknown keyspace error through', async () => {
    const res = await stack.post<VtctlResult>('/api/vtctl/', ['GetKeyspace', 'does_not_exist']);
    expect(res.status).toBe(200);
    expect(res.body.Error).toBe("node doesn't exist: keyspaces/does_not_exist/Keyspace");
  });

  it('passes an unknown command through', async () => {
    const res = await stack.post<VtctlResult>('/api/vtctl/', ['Bogus']);
    expect(res.body).toEqual({ Error: 'unknown command', Output: 'Unknown command: Bogus\n\n' });
  });

  it('rejects bodies that are not a command line with 400 naming the field', async () => {
    const number = await stack.post<ErrorBody>('/api/vtctl/', ['GetKeyspace', 1]);
    expect(number.status).toBe(400);
    expect(number.body).toMatchObject({ code: 'VALIDATION', message: 'body/1 must be string' });

    const empty = await stack.post<ErrorBody>('/api/vtctl/', []);
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/^body must not have fewer than 1 items/i);

    const object = await stack.post<ErrorBody>('/api/vtctl/', { command: 'x' });
    expect(object.status).toBe(400);
    expect(object.body.message).toBe('body must be array');

    const broken = await stack.post<ErrorBody>('/api/vtctl/', '["GetKeyspace",');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('BAD_REQUEST');
  });
});

describe('GET /api/shards/{keyspace}/', () => {
  it('lists shard names', async () => {
    const res = await stack.get<string[]>(`/api/shards/${keyspace}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(shard);
  });

  it('answers 404 for an unknown keyspace', async () => {
    const res = await stack.get<ErrorBody>('/api/shards/no_such_keyspace/');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no_such_keyspace'),
    });
  });
});

describe('POST /api/tablets/', () => {
  const form = (body: string, headers: Record<string, string> = {}) =>
    stack.post<unknown>('/api/tablets/', body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });

  it('lists tablet aliases of a shard from a form body', async () => {
    const res = await form(`shard=${encodeURIComponent(`${keyspace}/${shard}`)}`);
    expect(res.status).toBe(200);
    const aliases = res.body as { cell: string; uid?: number }[];
    expect(aliases.length).toBeGreaterThan(0);
    for (const a of aliases) expect(a).toEqual({ cell: expect.any(String), uid: expect.any(Number) });
  });

  it('answers 400 naming the field for a bad shard and 404 for an unknown one', async () => {
    const bad = await form('shard=nonsense');
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).message).toMatch(/^body\/shard must match pattern/);

    const missing = await form('cell=zone1');
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).message).toBe('body/shard is required');

    const unknown = await form(`shard=${keyspace}%2Fff-fff`);
    expect(unknown.status).toBe(404);
  });
});

describe('POST /api/schema/apply', () => {
  it('returns vtctld text as Output and an empty Error for a DDL', async () => {
    const table = uniqueName('t');
    const res = await stack.post<VtctlResult>('/api/schema/apply', {
      Keyspace: keyspace,
      SQL: `CREATE TABLE ${table} (id bigint, primary key(id))`,
    });
    expect(res.status).toBe(200);
    expect(res.body.Output).toMatch(/^OnReadSuccess, sqls: \[/);
    expect(res.body.Error).toBe('');
  });

  it('sets Error when vtctld rejected the change', async () => {
    const res = await stack.post<VtctlResult>('/api/schema/apply', { Keyspace: keyspace, SQL: 'select 1' });
    expect(res.status).toBe(200);
    expect(res.body.Error).toBe('schema change works for DDLs only, but get non DDL statement: select 1');
    expect(res.body.Output).toContain('OnValidationFail');
  });

  it('sets Error for an unknown keyspace', async () => {
    const res = await stack.post<VtctlResult>('/api/schema/apply', {
      Keyspace: 'no_such_keyspace',
      SQL: 'CREATE TABLE t (id bigint)',
    });
    expect(res.status).toBe(200);
    expect(res.body.Error).toContain('no_such_keyspace');
  });

  it('answers 400 naming the missing field', async () => {
    const res = await stack.post<ErrorBody>('/api/schema/apply', { SQL: 'select 1' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('body/Keyspace is required');
  });
});

describe('cluster routing', () => {
  it('acts on the cluster named by X-Vtdeck-Cluster', async () => {
    const name = uniqueName('staging_only');
    const staging = { 'x-vtdeck-cluster': 'staging' };
    const created = await stack.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name], staging);
    expect(created.body.Error).toBe('');
    expect((await stack.get<string[]>('/api/keyspaces/', staging)).body).toContain(name);
    expect((await stack.get<string[]>('/api/keyspaces/')).body).not.toContain(name);
    expect((await stack.get<string[]>('/api/keyspaces/', { 'x-vtdeck-cluster': 'prod' })).body).not.toContain(
      name,
    );
  });

  it('answers 404 naming an unknown cluster', async () => {
    const res = await stack.get<ErrorBody>('/api/keyspaces/', { 'x-vtdeck-cluster': 'nope' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CLUSTER_NOT_FOUND', message: expect.stringContaining('"nope"') });
  });
});

describe('unknown routes', () => {
  it('answers a JSON 404 under /api', async () => {
    const res = await stack.get<ErrorBody>('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
