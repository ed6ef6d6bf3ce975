import type { ClusterList, ErrorBody, TabletDetail, Topology, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, uniqueName } from './helpers';

let stack: Stack;

beforeAll(async () => {
  // A long TTL proves that a write, not expiry, refreshes the cache.
  stack = await startStack({ topology: { cacheTtlMs: 60_000 } });
});
afterAll(() => stack.close());

const topology = (cluster = 'prod', query = '') =>
  stack.get<Topology>(`/api/v2/clusters/${cluster}/topology${query}`);

describe('GET /api/v2/clusters', () => {
  it('lists the configured clusters with the default marked', async () => {
    const res = await stack.get<ClusterList>('/api/v2/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c) => [c.name, c.default])).toEqual([
      ['prod', true],
      ['staging', false],
    ]);
    expect(res.body.items[0]?.upstreams).toEqual({
      vtctld: true,
      kubernetes: false,
      vtgate: false,
      routers: 0,
    });
  });
});

describe('GET /api/v2/clusters/{cluster}/topology', () => {
  it('answers keyspaces → shards → tablets in the console vocabulary', async () => {
    const res = await topology();
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t).toMatchObject({ cluster: 'prod', errors: [] });
    expect(new Date(t.generatedAt).getTime()).not.toBeNaN();
    expect(t.cells.length).toBeGreaterThan(0);
    const keyspaceNames = (await stack.get<string[]>('/api/keyspaces/')).body;
    expect(t.items.map((k) => k.name)).toEqual(keyspaceNames);

    const tablets = t.items.flatMap((k) => k.shards.flatMap((s) => s.tablets));
    expect(tablets.length).toBeGreaterThan(0);
    for (const tablet of tablets) {
      expect(tablet.alias).toMatch(/^[A-Za-z0-9_.]+-\d{10}$/);
      expect(tablet.alias).toBe(`${tablet.cell}-${String(tablet.uid).padStart(10, '0')}`);
      expect([
        'PRIMARY',
        'REPLICA',
        'RDONLY',
        'SPARE',
        'DRAINED',
        'BACKUP',
        'RESTORE',
        'EXPERIMENTAL',
      ]).toContain(tablet.type);
      expect(tablet.keyRange.start).toMatch(/^[0-9a-f]*$/);
      expect(tablet.keyRange.end).toMatch(/^[0-9a-f]*$/);
      expect(tablet.cell && tablet.hostname).toBeTruthy();
    }
    for (const shard of t.items.flatMap((k) => k.shards)) {
      const primaries = shard.tablets.filter((x) => x.isPrimary);
      if (shard.primaryAlias) {
        expect(primaries.map((p) => p.alias)).toEqual([shard.primaryAlias]);
        expect(primaries[0]?.type).toBe('PRIMARY');
      } else expect(primaries).toEqual([]);
      if (shard.name.includes('-')) {
        const [start, end] = shard.name.toLowerCase().split('-');
        expect(shard.keyRange).toEqual({ start, end });
      }
    }
    expect(t.items.flatMap((k) => k.shards).some((s) => s.primaryAlias !== null)).toBe(true);
  });

  it('filters by keyspace and answers 404 for an unknown one', async () => {
    const all = (await topology()).body;
    const name = all.items[0]?.name ?? '';
    const one = await topology('prod', `?keyspace=${name}`);
    expect(one.status).toBe(200);
    expect(one.body.items.map((k) => k.name)).toEqual([name]);
    expect(one.body.items[0]).toEqual(all.items[0]);

    const unknown = await topology('prod', '?keyspace=no_such_keyspace');
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as ErrorBody).message).toContain('no_such_keyspace');
  });

  it('answers 404 naming an unknown cluster and 400 for a malformed one', async () => {
    const res = await stack.get<ErrorBody>('/api/v2/clusters/nope/topology');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CLUSTER_NOT_FOUND', message: expect.stringContaining('"nope"') });
    const bad = await stack.get<ErrorBody>('/api/v2/clusters/NOT_A_NAME/topology');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^params\/cluster must match pattern/);
  });

  it('coalesces concurrent requests into one upstream fan-out and then serves from cache', async () => {
    const ttl = 400;
    const cold = await startStack({ topology: { cacheTtlMs: ttl } });
    const expire = () => new Promise((r) => setTimeout(r, ttl + 100));
    try {
      // The first load also learns which vtctl commands this vtctld runs; measure after it.
      expect((await cold.get('/api/v2/clusters/prod/topology')).status).toBe(200);
      await expire();
      // One request alone measures one fan-out.
      cold.sandbox.resetCounters();
      const single = await cold.get<Topology>('/api/v2/clusters/prod/topology');
      expect(single.status).toBe(200);
      const oneFanOut = cold.sandbox.requestCount('prod/vtctld');
      const t = single.body;
      const shards = t.items.reduce((n, k) => n + k.shards.length, 0);
      // Keyspace list + cells; per keyspace its record and tablets; shard records in one call per
      // keyspace, or, where vtctld refuses that, the shard names and one call per shard.
      expect(oneFanOut).toBeGreaterThanOrEqual(2 + 3 * t.items.length);
      expect(oneFanOut).toBeLessThanOrEqual(2 + 4 * t.items.length + shards);

      await expire();
      cold.sandbox.resetCounters();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => cold.get<Topology>('/api/v2/clusters/prod/topology')),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(new Set(answers.map((a) => a.body.generatedAt)).size).toBe(1);
      expect(cold.sandbox.requestCount('prod/vtctld')).toBe(oneFanOut);

      // Within the TTL, the whole tree and a keyspace filter of it come from the cache.
      await cold.get('/api/v2/clusters/prod/topology');
      await cold.get(`/api/v2/clusters/prod/topology?keyspace=${t.items[0]?.name}`);
      expect(cold.sandbox.requestCount('prod/vtctld')).toBe(oneFanOut);
      expect(cold.sandbox.requestCount('staging/vtctld')).toBe(0);
    } finally {
      await cold.close();
    }
  });

  it('drops the cached tree of a cluster after CreateKeyspace through the BFF', async () => {
    const before = (await topology()).body;
    const name = uniqueName('fresh');
    const stagingBefore = (await topology('staging')).body;

    const created = await stack.post<VtctlResult>('/api/vtctl/', ['CreateKeyspace', name]);
    expect(created.body.Error).toBe('');
    const after = (await topology()).body;
    expect(after.items.map((k) => k.name)).toContain(name);
    expect(after.items).toHaveLength(before.items.length + 1);
    expect(after.generatedAt >= before.generatedAt).toBe(true);
    // The other cluster's cache is untouched.
    expect((await topology('staging')).body.generatedAt).toBe(stagingBefore.generatedAt);

    // A read-only command does not invalidate.
    await stack.post('/api/vtctl/', ['GetKeyspaces']);
    expect((await topology()).body.generatedAt).toBe(after.generatedAt);
  });
});

describe('GET /api/v2/clusters/{cluster}/tablets/{alias}', () => {
  it('answers the tablet with its health', async () => {
    const t = (await topology()).body;
    const primary = t.items.flatMap((k) => k.shards.flatMap((s) => s.tablets)).find((x) => x.isPrimary);
    expect(primary).toBeDefined();
    const res = await stack.get<TabletDetail>(`/api/v2/clusters/prod/tablets/${primary?.alias}`);
    expect(res.status).toBe(200);
    expect(res.body.tablet).toMatchObject({ alias: primary?.alias, isPrimary: true, type: 'PRIMARY' });
    if (res.body.health) {
      expect(res.body.health).toEqual({
        serving: expect.any(Boolean),
        secondsBehindPrimary: expect.any(Number),
        qps: expect.any(Number),
        healthError: expect.any(String),
      });
    } else expect(res.body.errors.map((e) => e.source)).toContain(`vtctld:health/${primary?.alias}`);

    // The short alias form names the same tablet.
    const short = `${primary?.cell}-${primary?.uid}`;
    expect((await stack.get<TabletDetail>(`/api/v2/clusters/prod/tablets/${short}`)).body.tablet.alias).toBe(
      primary?.alias,
    );
  });

  it('answers 404 for an unknown tablet and 400 for a malformed alias', async () => {
    const missing = await stack.get<ErrorBody>('/api/v2/clusters/prod/tablets/zone1-0999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('zone1-0999999999');
    const bad = await stack.get<ErrorBody>('/api/v2/clusters/prod/tablets/not_an_alias');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^params\/alias must match pattern/);
  });
});
