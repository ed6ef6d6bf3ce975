// Every collection endpoint of the vtctld fake over real HTTP (reference sections 1, 2 and 10).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVtctldFake, Topology, type VtctldFake } from '../src/vtctld';
import { get, startProd, vtctl } from './vtctld-helpers';

let fake: VtctldFake;
let empty: VtctldFake;
beforeAll(async () => {
  fake = await startProd();
  empty = await startVtctldFake({ dataset: () => new Topology() });
});
afterAll(async () => {
  await fake.close();
  await empty.close();
});

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

describe('Go ServeMux behaviour', () => {
  it('redirects a subtree path without its slash, keeping the query', async () => {
    const r = await get(fake, '/api/keyspaces');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/api/keyspaces/');
    const q = await get(fake, '/api/tablets?cell=zone1');
    expect(q.headers.get('location')).toBe('/api/tablets/?cell=zone1');
    expect((await get(fake, '/api//keyspaces/')).headers.get('location')).toBe('/api/keyspaces/');
    expect((await get(fake, '/api/vtctl')).status).toBe(301);
  });

  it('answers unknown paths with Go 404 text, and / with a redirect to the UI', async () => {
    for (const path of ['/api/nope/', '/api/nope', '/nothing', '/api/schema/apply/x', '/app/']) {
      const r = await get(fake, path);
      expect(r.status, path).toBe(404);
      expect(r.body).toBe('404 page not found\n');
      expect(r.headers.get('content-type')).toBe(TEXT_TYPE);
    }
    const root = await get(fake, '/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
  });
});

describe('GET /api/cells/', () => {
  it('lists cells as an indented array without trailing newline', async () => {
    const r = await get(fake, '/api/cells/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(JSON_TYPE);
    expect(r.body).toBe('[\n  "zone1",\n  "zone2"\n]');
    expect((await get(empty, '/api/cells/')).body).toBe('[]');
  });

  it('refuses to retrieve one cell', async () => {
    const r = await get(fake, '/api/cells/zone1');
    expect(r.status).toBe(500);
    expect(r.body).toBe("can't get cells: cells can only be listed, not retrieved\n");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('/api/keyspaces/', () => {
  it('lists and gets keyspaces', async () => {
    expect((await get(fake, '/api/keyspaces/')).body).toBe('[\n  "commerce",\n  "customer"\n]');
    expect((await get(empty, '/api/keyspaces/')).body).toBe('[]');
    const ks = await get(fake, '/api/keyspaces/customer');
    expect(ks.body).toBe(
      '{\n  "sharding_column_name": "customer_id",\n  "sharding_column_type": 1,\n  "served_froms": [\n  ],\n  "keyspace_type": 0,\n  "base_keyspace": "",\n  "snapshot_time": null\n}',
    );
  });

  it('matches the reference bytes for a keyspace created with -sharding_column_name', async () => {
    await vtctl(empty, 'CreateKeyspace', '-sharding_column_name=shardcol', 'ks1');
    expect((await get(empty, '/api/keyspaces/ks1')).body).toBe(
      '{\n  "sharding_column_name": "shardcol",\n  "sharding_column_type": 0,\n  "served_froms": [\n  ],\n  "keyspace_type": 0,\n  "base_keyspace": "",\n  "snapshot_time": null\n}',
    );
  });

  it('404s a missing keyspace and 500s a bad method', async () => {
    const missing = await get(fake, '/api/keyspaces/nope');
    expect([missing.status, missing.body]).toEqual([404, '404 page not found\n']);
    const put = await get(fake, '/api/keyspaces/commerce', { method: 'PUT' });
    expect([put.status, put.body]).toEqual([500, "can't get keyspaces: unsupported HTTP method: PUT\n"]);
  });

  it('runs keyspace actions and always answers 200 with an ActionResult', async () => {
    const ok = await get(fake, '/api/keyspaces/commerce?action=ValidateKeyspace', { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(
      '{\n  "Name": "ValidateKeyspace",\n  "Parameters": "commerce",\n  "Output": "",\n  "Error": false\n}',
    );
    const unknown = await get(fake, '/api/keyspaces/ks1?action=Nope', { method: 'POST' });
    expect(JSON.parse(unknown.body)).toEqual({
      Name: 'Nope',
      Parameters: 'ks1',
      Output: 'Unknown keyspace action',
      Error: true,
    });
    const form = await get(fake, '/api/keyspaces/commerce', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=ValidateSchemaKeyspace',
    });
    expect(JSON.parse(form.body)).toMatchObject({ Name: 'ValidateSchemaKeyspace', Error: false });
    const failed = await get(empty, '/api/keyspaces/nope?action=ValidateVersionKeyspace', { method: 'POST' });
    expect(JSON.parse(failed.body)).toMatchObject({
      Error: true,
      Output: "node doesn't exist: keyspaces/nope/shards",
    });
  });

  it('names what a POST is missing', async () => {
    const noAction = await get(fake, '/api/keyspaces/commerce', { method: 'POST' });
    expect([noAction.status, noAction.body]).toEqual([
      500,
      "can't get keyspaces: a POST request must specify action\n",
    ]);
    const noKs = await get(fake, '/api/keyspaces/?action=ValidateKeyspace', { method: 'POST' });
    expect(noKs.body).toBe("can't get keyspaces: a POST request needs a keyspace in the URL\n");
  });
});

describe('/api/keyspace/{ks}/tablets', () => {
  it('lists the tablets of every shard with urls, or of one shard', async () => {
    const all = JSON.parse((await get(fake, '/api/keyspace/customer/tablets')).body) as {
      alias: { uid: number };
    }[];
    expect(all.map((t) => t.alias.uid)).toEqual([200, 201, 202, 302, 300, 301]);
    const one = await get(fake, '/api/keyspace/customer/tablets/80-');
    const parsed = JSON.parse(one.body) as Record<string, unknown>[];
    expect(parsed.map((t) => (t.alias as { uid: number }).uid)).toEqual([302, 300, 301]);
    expect(parsed[1]).toMatchObject({
      type: 1,
      key_range: { start: 'gA==' },
      url: 'http://10.10.65.52:15002',
    });
    const zone2 = JSON.parse(
      (await get(fake, '/api/keyspace/customer/tablets/?cells=zone2')).body,
    ) as unknown[];
    expect(zone2).toHaveLength(3);
    expect((await get(fake, '/api/keyspace/customer/tablets?cell=nowhere')).body).toBe('[]');
  });

  it('fails bad paths with the reference texts', async () => {
    const bad = await get(fake, '/api/keyspace/customer/shards');
    expect(bad.body).toBe(
      `can't get keyspace: invalid keyspace path: "customer/shards"  expected path: /keyspace/<keyspace>/tablets or /keyspace/<keyspace>/tablets/<shard>\n`,
    );
    expect((await get(fake, '/api/keyspace//tablets')).status).toBe(301);
    expect((await get(fake, '/api/keyspace/nope/tablets')).status).toBe(404);
    expect((await get(fake, '/api/keyspace/customer/tablets/40-')).status).toBe(404);
  });
});

describe('/api/shards/', () => {
  it('lists shards and gets one in jsonpb', async () => {
    expect((await get(fake, '/api/shards/customer/')).body).toBe('[\n  "-80",\n  "80-"\n]');
    const s = await get(fake, '/api/shards/customer/-80');
    expect(s.body).toBe(
      '{\n  "master_alias": {\n    "cell": "zone1",\n    "uid": 200\n  },\n  "master_term_start_time": {\n    "seconds": "1709280000",\n    "nanoseconds": 0\n  },\n  "key_range": {\n    "start": null,\n    "end": "gA=="\n  },\n  "served_types": [\n  ],\n  "source_shards": [\n  ],\n  "tablet_controls": [\n  ],\n  "is_master_serving": true\n}',
    );
  });

  it('answers bad shard paths, missing shards and shard actions', async () => {
    expect((await get(fake, '/api/shards/customer')).body).toBe(
      `can't get shards: invalid shard path: "customer"\n`,
    );
    expect((await get(fake, '/api/shards/customer/40-')).status).toBe(404);
    expect((await get(fake, '/api/shards/nope/')).status).toBe(404);
    const noAction = await get(fake, '/api/shards/customer/-80', { method: 'POST' });
    expect(noAction.body).toBe("can't get shards: must specify action\n");
    const action = await get(fake, '/api/shards/customer/-80?action=ValidateShard', { method: 'POST' });
    expect(JSON.parse(action.body)).toEqual({
      Name: 'ValidateShard',
      Parameters: 'customer/-80',
      Output: '',
      Error: false,
    });
    const unknown = await get(fake, '/api/shards/customer/-80?action=X', { method: 'POST' });
    expect(JSON.parse(unknown.body)).toMatchObject({ Output: 'Unknown shard action', Error: true });
  });
});

describe('/api/srv_keyspace/', () => {
  it('returns the SrvKeyspace of a rebuilt keyspace, local meaning the first cell', async () => {
    const srv = JSON.parse((await get(fake, '/api/srv_keyspace/local/customer')).body);
    expect(srv.partitions.map((p: { served_type: number }) => p.served_type)).toEqual([1, 2, 3]);
    expect(srv.partitions[0].shard_references.map((r: { name: string }) => r.name)).toEqual(['-80', '80-']);
    const all = JSON.parse((await get(fake, '/api/srv_keyspace/zone1/')).body);
    expect(Object.keys(all)).toEqual(['commerce', 'customer']);
    expect(all.commerce).toEqual({
      partitions: [
        { served_type: 1, shard_references: [{ name: '0' }] },
        { served_type: 2, shard_references: [{ name: '0' }] },
        { served_type: 3, shard_references: [{ name: '0' }] },
      ],
    });
  });

  it('fails with 500 (not 404) before a rebuild, and names bad paths', async () => {
    await vtctl(empty, 'CreateKeyspace', 'fresh');
    await vtctl(empty, 'CreateShard', '-parent', 'fresh/0');
    empty.topo.addCell('cell1');
    const r = await get(empty, '/api/srv_keyspace/cell1/fresh');
    expect([r.status, r.body]).toEqual([
      500,
      "can't get srv_keyspace: can't get server keyspace: node doesn't exist: keyspaces/fresh/SrvKeyspace\n",
    ]);
    expect((await get(fake, '/api/srv_keyspace/zone1')).body).toBe(
      `can't get srv_keyspace: invalid srvkeyspace path: "zone1"  expected path: /srv_keyspace/<cell>/<keyspace>\n`,
    );
  });
});

describe('/api/tablets/', () => {
  it('lists tablet aliases by shard from the query or a form-encoded POST body', async () => {
    const expected =
      '[\n  {\n    "cell": "zone1",\n    "uid": 200\n  },\n  {\n    "cell": "zone1",\n    "uid": 201\n  },\n  {\n    "cell": "zone2",\n    "uid": 202\n  }\n]';
    expect((await get(fake, '/api/tablets/?shard=customer%2F-80')).body).toBe(expected);
    const form = await get(fake, '/api/tablets/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'shard=customer%2F-80',
    });
    expect([form.status, form.body]).toEqual([200, expected]);
    const byCell = JSON.parse((await get(fake, '/api/tablets/?shard=customer/-80&cell=zone2')).body);
    expect(byCell).toEqual([{ cell: 'zone2', uid: 202 }]);
  });

  it('lists by cell, with null for a known cell without tablets', async () => {
    const zone2 = JSON.parse((await get(fake, '/api/tablets/?cell=zone2')).body);
    expect(zone2).toEqual([
      { cell: 'zone2', uid: 102 },
      { cell: 'zone2', uid: 202 },
      { cell: 'zone2', uid: 300 },
      { cell: 'zone2', uid: 301 },
    ]);
    empty.topo.addCell('idle');
    expect((await get(empty, '/api/tablets/?cell=idle')).body).toBe('null');
    expect((await get(fake, '/api/tablets/?cell=nowhere')).status).toBe(404);
  });

  it('names what is wrong with a listing', async () => {
    expect((await get(fake, '/api/tablets/')).body).toBe("can't get tablets: cell param required\n");
    expect((await get(fake, '/api/tablets/?shard=customer')).body).toBe(
      "can't get tablets: invalid shard path: customer\n",
    );
    expect((await get(fake, '/api/tablets/?shard=customer/40-')).status).toBe(404);
  });

  it('gets one tablet as TabletWithURL', async () => {
    const r = await get(fake, '/api/tablets/zone1-0000000201');
    expect(r.body).toBe(
      '{\n  "alias": {\n    "cell": "zone1",\n    "uid": 201\n  },\n  "hostname": "10.10.0.203",\n  "port_map": {\n    "grpc": 16002,\n    "vt": 15002\n  },\n  "keyspace": "customer",\n  "shard": "-80",\n  "key_range": {\n    "end": "gA=="\n  },\n  "type": 2,\n  "mysql_hostname": "10.10.0.203",\n  "mysql_port": 3306,\n  "url": "http://10.10.0.203:15002"\n}',
    );
    expect((await get(fake, '/api/tablets/zone1-999')).status).toBe(404);
    expect((await get(fake, '/api/tablets/nowhere-100')).status).toBe(404);
    expect((await get(fake, '/api/tablets/bad')).body).toBe(
      "can't get tablets: invalid tablet alias: 'bad', expecting format: '<cell>-<uid>'\n",
    );
  });

  it('serves tablet health, and an RPC error for an unreachable tablet', async () => {
    const h = JSON.parse((await get(fake, '/api/tablets/zone1-100/health')).body);
    expect(h).toMatchObject({
      target: { keyspace: 'commerce', shard: '0', tablet_type: 1, cell: 'zone1' },
      serving: true,
      tablet_externally_reparented_timestamp: '1709280000',
      tablet_alias: { cell: 'zone1', uid: 100 },
    });
    expect(typeof h.realtime_stats.qps).toBe('number');
    fake.setTabletReachable('zone2-102', false);
    const down = await get(fake, '/api/tablets/zone2-102/health');
    expect(down.status).toBe(500);
    expect(down.body).toMatch(
      /^can't get tablets: rpc error: code = Unavailable desc = .*connection refused"\n$/,
    );
    fake.setTabletReachable('zone2-102', true);
  });

  it('runs tablet actions', async () => {
    const ping = await get(fake, '/api/tablets/zone1-100?action=Ping', { method: 'POST' });
    expect(JSON.parse(ping.body)).toEqual({
      Name: 'Ping',
      Parameters: 'zone1-0000000100',
      Output: '',
      Error: false,
    });
    const missing = await get(fake, '/api/tablets/zone1-999?action=Ping', { method: 'POST' });
    expect(JSON.parse(missing.body)).toMatchObject({
      Error: true,
      Output: "Failed to get tablet: node doesn't exist: tablets/zone1-0000000999/Tablet",
    });
    const noAction = await get(fake, '/api/tablets/zone1-100', { method: 'POST' });
    expect(noAction.body).toBe("can't get tablets: must specify action\n");
  });
});

describe('other endpoints', () => {
  it('serves /api/features', async () => {
    const r = await get(fake, '/api/features');
    expect(r.headers.get('content-type')).toBe(JSON_TYPE);
    expect(Object.keys(JSON.parse(r.body))).toEqual([
      'activeReparents',
      'showStatus',
      'showTopologyCRUD',
      'showWorkflows',
      'workflows',
    ]);
  });

  it('reports realtime stats as not initialized', async () => {
    for (const c of ['tablet_statuses', 'tablet_health', 'topology_info']) {
      const r = await get(fake, `/api/${c}/`);
      expect([r.status, r.body]).toEqual([500, `can't get ${c}: realtimeStats not initialized\n`]);
    }
  });

  it('refuses admin endpoints under a read-only policy while collections still work', async () => {
    const locked = await startVtctldFake({ securityPolicy: 'read-only' });
    try {
      for (const [path, method] of [
        ['/api/vtctl/', 'POST'],
        ['/api/schema/apply', 'POST'],
        ['/api/features', 'GET'],
      ] as const) {
        const r = await get(locked, path, { method, body: method === 'POST' ? '[]' : undefined });
        expect([r.status, r.body]).toEqual([403, '403 Forbidden\n']);
      }
      expect((await get(locked, '/api/keyspaces/')).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
