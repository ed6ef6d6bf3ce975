// Every vtctl command the fake models, through POST /api/vtctl/ (reference sections 4, 5, 7, 10).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVtctldFake, Topology, type VtctldFake } from '../src/vtctld';
import { renderTableWrites } from '../src/vtctld/encoding/tablewriter';
import { get, logLines, startProd, vtctl } from './vtctld-helpers';

let prod: VtctldFake;
let blank: VtctldFake;
beforeAll(async () => {
  prod = await startProd();
  blank = await startVtctldFake({ dataset: () => new Topology() });
  blank.topo.addCell('test');
});
afterAll(async () => {
  await prod.close();
  await blank.close();
});

describe('/api/vtctl/ envelope', () => {
  it('answers {Error, Output} with Error first, indented, always 200', async () => {
    const r = await vtctl(prod, 'GetKeyspace', 'does_not_exist');
    expect(r.status).toBe(200);
    expect(r.raw).toBe(
      '{\n  "Error": "node doesn\'t exist: keyspaces/does_not_exist/Keyspace",\n  "Output": ""\n}',
    );
  });

  it('handles no command, unknown commands and case-insensitive names', async () => {
    const none = await vtctl(prod);
    expect(none.Error).toBe('no command was specified');
    expect(
      none.Output.startsWith(
        'No command specified. Please see the list below:\n\n\nTablets:\n\n  GetTablet <tablet alias>\n\n',
      ),
    ).toBe(true);
    const unknown = await vtctl(prod, 'Bogus');
    expect([unknown.Error, unknown.Output]).toEqual(['unknown command', 'Unknown command: Bogus\n\n']);
    expect((await vtctl(prod, 'getkeyspaces')).Output).toBe('commerce\ncustomer\n\n');
  });

  it('prints help: the command list, one command, and refuses two', async () => {
    const all = await vtctl(prod, 'Help');
    expect(all.Error).toBe('');
    expect(all.Output.startsWith('Available commands:\n\n\nTablets:\n\n')).toBe(true);
    expect(all.Output).toContain('Keyspaces:\n\n  CreateKeyspace [-sharding_column_name=name]');
    expect(all.Output).not.toContain('Panic');
    const one = await vtctl(prod, 'Help', 'DeleteKeyspace');
    expect(one).toMatchObject({
      Error: '',
      Output:
        'Usage: DeleteKeyspace [-recursive] <keyspace>\n\n\nDeletes the specified keyspace. In recursive mode, it also recursively deletes all shards in the keyspace. Otherwise, there must be no shards left in the keyspace.\n\n\n  -recursive\n    \tAlso recursively delete all shards in the keyspace.\n\n',
    });
    expect((await vtctl(prod, 'Help', 'a', 'b')).Error).toMatch(
      /^when calling the Help command, either specify a single argument/,
    );
    expect((await vtctl(prod, 'GetKeyspace', '-help')).Error).toBe('flag: help requested');
  });

  it('prints usage after an undefined flag, and escapes HTML characters', async () => {
    const r = await vtctl(prod, 'GetTablet', '-x', 'zone1-100');
    expect(r.Error).toBe('flag provided but not defined: -x');
    expect(r.Output).toBe(
      'flag provided but not defined: -x\n\nUsage: GetTablet <tablet alias>\n\n\nOutputs a JSON structure that contains information about the Tablet.\n\n\n',
    );
    expect(r.raw).toContain('\\u003ctablet alias\\u003e');
  });

  it('fails undecodable bodies with 500 and Go texts, and recovers panics', async () => {
    const post = (body: string) => get(prod, '/api/vtctl/', { method: 'POST', body });
    expect(await post('not json')).toMatchObject({
      status: 500,
      body: "can't unmarshal request: invalid character 'o' in literal null (expecting 'u')\n",
    });
    expect((await post('')).body).toBe("can't unmarshal request: unexpected end of JSON input\n");
    expect((await post('[1]')).body).toBe(
      "can't unmarshal request: json: cannot unmarshal number into Go value of type string\n",
    );
    expect((await post('{}')).body).toBe(
      "can't unmarshal request: json: cannot unmarshal object into Go value of type []string\n",
    );
    expect(await post('["Panic"]')).toMatchObject({
      status: 500,
      body: 'uncaught panic: this command panics on purpose\n',
    });
  });
});

describe('keyspace commands', () => {
  it('creates, gets, lists and refuses duplicates; -force logs instead', async () => {
    expect(await vtctl(blank, 'CreateKeyspace', 'ks1')).toMatchObject({ Error: '', Output: '' });
    expect((await vtctl(blank, 'CreateKeyspace', 'ks1')).Error).toBe(
      'node already exists: keyspaces/ks1/Keyspace',
    );
    const forced = await vtctl(blank, '--force', 'ks1');
    expect(forced.Error).toBe('unknown command');
    const ok = await vtctl(blank, 'CreateKeyspace', '--force', 'ks1');
    expect(ok.Error).toBe('');
    expect(logLines(ok.Output)).toEqual(['I keyspace ks1 already exists (ignoring error with -force)']);
    expect((await vtctl(blank, 'CreateKeyspace')).Error).toBe(
      'the <keyspace name> argument is required for the CreateKeyspace command',
    );
    expect((await vtctl(blank, 'CreateKeyspace', '-sharding_column_type=FLOAT', 'k')).Error).toBe(
      'unknown KeyspaceIdType FLOAT',
    );
    const got = await vtctl(blank, 'GetKeyspace', 'ks1');
    expect(got.Output).toBe(
      '{\n  "sharding_column_name": "",\n  "sharding_column_type": 0,\n  "served_froms": [\n  ],\n  "keyspace_type": 0,\n  "base_keyspace": "",\n  "snapshot_time": null\n}\n\n',
    );
    expect((await vtctl(blank, 'GetKeyspace')).Error).toBe(
      'the <keyspace> argument is required for the GetKeyspace command',
    );
    expect((await vtctl(blank, 'GetKeyspaces')).Output).toBe('ks1\n\n');
    expect(JSON.parse((await get(blank, '/api/keyspaces/')).body)).toEqual(['ks1']);
  });

  it('deletes keyspaces, recursively when they have shards', async () => {
    await vtctl(blank, 'CreateKeyspace', 'gone');
    await vtctl(blank, 'CreateShard', 'gone/-80');
    await vtctl(blank, 'CreateShard', 'gone/80-');
    expect((await vtctl(blank, 'DeleteKeyspace', 'gone')).Error).toBe(
      'keyspace gone still has 2 shards; use -recursive or remove them manually',
    );
    expect((await vtctl(blank, 'DeleteKeyspace', 'gone', '-recursive')).Error).toBe(
      'must specify the <keyspace> argument for DeleteKeyspace',
    );
    expect((await vtctl(blank, 'DeleteKeyspace', 'missing')).Error).toBe(
      "node doesn't exist: keyspaces/missing/shards",
    );
    const del = await vtctl(blank, 'DeleteKeyspace', '--recursive', 'gone');
    expect(del.Error).toBe('');
    expect(logLines(del.Output)).toEqual([
      'I Deleting all shards (and their tablets) in keyspace gone',
      'I Recursively deleting shard gone/-80',
      'I Recursively deleting shard gone/80-',
    ]);
    expect(JSON.parse((await get(blank, '/api/keyspaces/')).body)).not.toContain('gone');
  });

  it('deletes a whole demo keyspace with its tablets', async () => {
    const fake = await startProd();
    try {
      const r = await vtctl(fake, 'DeleteKeyspace', '-recursive=true', 'customer');
      expect(r.Error).toBe('');
      expect(logLines(r.Output)).toContain('I Deleting tablet zone1-0000000200');
      expect((await get(fake, '/api/tablets/zone1-200')).status).toBe(404);
      expect((await get(fake, '/api/srv_keyspace/zone1/customer')).status).toBe(500);
    } finally {
      await fake.close();
    }
  });

  it('rebuilds the keyspace graph, naming keyspaces and cells', async () => {
    await vtctl(blank, 'CreateKeyspace', 'rb');
    await vtctl(blank, 'CreateShard', 'rb/-80');
    await vtctl(blank, 'CreateShard', 'rb/80-');
    const r = await vtctl(blank, 'RebuildKeyspaceGraph', 'rb');
    expect(r.Error).toBe('');
    expect(logLines(r.Output)).toEqual([
      'I rebuildKeyspace rb',
      'I updating keyspace serving graph in cell test for rb',
    ]);
    const srv = JSON.parse((await get(blank, '/api/srv_keyspace/test/rb')).body);
    expect(srv.partitions[0].shard_references.map((s: { name: string }) => s.name)).toEqual(['-80', '80-']);
    expect((await vtctl(blank, 'RebuildKeyspaceGraph')).Error).toBe(
      'the <keyspace> argument must be used to specify at least one keyspace when calling the RebuildKeyspaceGraph command',
    );
    expect((await vtctl(blank, 'RebuildKeyspaceGraph', 'nope')).Error).toBe(
      "node doesn't exist: keyspaces/nope",
    );
    await vtctl(blank, 'CreateKeyspace', 'holey');
    await vtctl(blank, 'CreateShard', 'holey/-40');
    await vtctl(blank, 'CreateShard', 'holey/80-');
    expect((await vtctl(blank, 'RebuildKeyspaceGraph', '-cells=test', 'holey')).Error).toBe(
      'non-contiguous KeyRange values for MASTER in cell test at shard 0 to 1: 40 != 80',
    );
  });

  it('validates a healthy keyspace, and reports problems as E-lines', async () => {
    const ok = await vtctl(prod, 'ValidateKeyspace', '-ping-tablets', 'customer');
    expect(ok.Error).toBe('');
    expect(logLines(ok.Output)).toContain('I tablet zone1-0000000200 is valid');
    await vtctl(blank, 'CreateKeyspace', 'v');
    await vtctl(blank, 'CreateShard', 'v/0');
    blank.topo.addTablet({
      ...prod.topo.getTablet({ cell: 'zone1', uid: 101 }),
      alias: { cell: 'test', uid: 100 },
      keyspace: 'v',
      shard: '0',
    });
    const bad = await vtctl(blank, 'ValidateKeyspace', 'v');
    expect(bad.Error).toBe('some validation errors - see log');
    expect(logLines(bad.Output)).toEqual(['I tablet test-0000000100 is valid', 'E no master for shard v/0']);
    expect((await vtctl(blank, 'ValidateKeyspace')).Error).toBe(
      'the <keyspace name> argument is required for the ValidateKeyspace command',
    );
    prod.setTabletReachable('zone1-201', false);
    const ping = await vtctl(prod, 'ValidateKeyspace', '--ping-tablets', 'customer');
    prod.setTabletReachable('zone1-201', true);
    expect(ping.Error).toBe('some validation errors - see log');
    expect(logLines(ping.Output).filter((l) => l.startsWith('E'))).toEqual([
      'E slave zone1-0000000201 not replicating: 10.10.0.203 slave list: ["10.10.64.204"]',
      expect.stringMatching(
        /^E Ping\(zone1-0000000201\) failed: rpc error: .* tablet hostname: 10\.10\.0\.203$/,
      ),
    ]);
  });

  it('validates schema and versions across a keyspace', async () => {
    expect(await vtctl(prod, 'ValidateSchemaKeyspace', 'customer')).toMatchObject({ Error: '', Output: '' });
    expect(await vtctl(prod, 'ValidateVersionKeyspace', 'customer')).toMatchObject({ Error: '', Output: '' });
    expect((await vtctl(blank, 'ValidateSchemaKeyspace', 'ks1')).Error).toBe('no shards in keyspace ks1');
    expect((await vtctl(blank, 'ValidateSchemaKeyspace', 'v')).Error).toBe('no master in shard v/0');
    expect((await vtctl(blank, 'ValidateVersionKeyspace', 'ks1')).Error).toBe('no shards in keyspace ks1');
    expect((await vtctl(blank, 'ValidateVersionKeyspace')).Error).toBe(
      'the <keyspace name> argument is required for the ValidateVersionKeyspace command',
    );
    const fake = await startProd();
    try {
      const t = fake.topo.getTablet({ cell: 'zone1', uid: 302 });
      t.schema = { ...t.schema, tables: t.schema.tables.filter((x) => x.name !== 'corder') };
      t.version = '{other vitess 1 abc}';
      expect((await vtctl(fake, 'ValidateSchemaKeyspace', 'customer')).Error).toBe(
        'schema diffs: zone1-0000000200 has an extra table named corder',
      );
      expect((await vtctl(fake, 'ValidateVersionKeyspace', 'customer')).Error).toMatch(
        /^version diffs: master zone1-0000000200 version \{.*\} is different than slave zone1-0000000302 version \{other vitess 1 abc\}$/,
      );
    } finally {
      await fake.close();
    }
  });
});

describe('shard commands', () => {
  it('creates shards with key ranges and serving state', async () => {
    await vtctl(blank, 'CreateKeyspace', 'sh');
    expect(await vtctl(blank, 'CreateShard', 'sh/-80')).toMatchObject({ Error: '', Output: '' });
    expect((await get(blank, '/api/shards/sh/-80')).body).toBe(
      '{\n  "master_alias": null,\n  "master_term_start_time": null,\n  "key_range": {\n    "start": null,\n    "end": "gA=="\n  },\n  "served_types": [\n  ],\n  "source_shards": [\n  ],\n  "tablet_controls": [\n  ],\n  "is_master_serving": true\n}',
    );
    await vtctl(blank, 'CreateShard', 'sh/-');
    expect(JSON.parse((await get(blank, '/api/shards/sh/-')).body).is_master_serving).toBe(false);
    await vtctl(blank, 'CreateKeyspace', 'un');
    await vtctl(blank, 'CreateShard', 'un/0');
    await vtctl(blank, 'CreateShard', 'un/-80');
    expect(JSON.parse((await get(blank, '/api/shards/un/0')).body)).toMatchObject({
      key_range: null,
      is_master_serving: true,
    });
    expect(JSON.parse((await get(blank, '/api/shards/un/-80')).body).is_master_serving).toBe(false);
  });

  it('refuses bad shards with the real texts', async () => {
    const err = async (...args: string[]) => (await vtctl(blank, 'CreateShard', ...args)).Error;
    expect(await err('sh/80-40')).toBe('out of order keys: 80 is not strictly smaller than 40');
    expect(await err('sh/-80-c0')).toBe("invalid shardId, can only contain one '-': -80-c0");
    expect(await err('sh/-8')).toBe('encoding/hex: odd length hex string');
    expect(await err('sh/-80')).toBe('node already exists: keyspaces/sh/shards/-80/Shard');
    expect(await err('nope/0')).toBe("node doesn't exist: keyspaces/nope");
    expect(await err('sh')).toBe('invalid shard path: sh');
    expect(await err()).toBe('the <keyspace/shard> argument is required for the CreateShard command');
    const forced = await vtctl(blank, 'CreateShard', '-force', 'sh/-80');
    expect(logLines(forced.Output)).toEqual(['I shard sh/-80 already exists (ignoring error with -force)']);
    expect((await vtctl(blank, 'CreateShard', '-parent', 'newks/0')).Error).toBe('');
    expect((await vtctl(blank, 'GetKeyspaces')).Output).toContain('newks\n');
  });

  it('gets shards and lists their tablets in awk format', async () => {
    const s = await vtctl(prod, 'GetShard', 'commerce/0');
    expect(JSON.parse(s.Output).master_alias).toEqual({ cell: 'zone1', uid: 100 });
    expect(s.Output.endsWith('}\n\n')).toBe(true);
    expect((await vtctl(prod, 'GetShard', 'commerce/1')).Error).toBe(
      "node doesn't exist: keyspaces/commerce/shards/1/Shard",
    );
    expect((await vtctl(prod, 'GetShard')).Error).toBe(
      'the <keyspace/shard> argument is required for the GetShard command',
    );
    const list = await vtctl(prod, 'ListShardTablets', 'commerce/0');
    expect(list.Output).toBe(
      'zone1-0000000100 commerce 0 master 10.10.0.102:15002 10.10.0.102:3306 [] 2024-03-01T08:00:00Z\n\n' +
        'zone1-0000000101 commerce 0 replica 10.10.0.103:15002 10.10.0.103:3306 [] <null>\n\n' +
        'zone2-0000000102 commerce 0 rdonly 10.10.64.104:15002 10.10.64.104:3306 [] <null>\n\n',
    );
    expect((await vtctl(prod, 'ListShardTablets', 'commerce/9')).Error).toBe(
      "node doesn't exist: keyspaces/commerce/shards/9/Shard",
    );
  });

  it('deletes shards: serving, with tablets, recursive, missing', async () => {
    const fake = await startProd();
    try {
      expect((await vtctl(fake, 'DeleteShard', 'customer/-80')).Error).toBe(
        'shard customer/-80 is still serving, cannot delete it, use even_if_serving flag if needed',
      );
      expect((await vtctl(fake, 'DeleteShard', '-even_if_serving', 'customer/-80')).Error).toBe(
        'shard customer/-80 still has 2 tablets in cell zone1; use -recursive or remove them manually',
      );
      const ok = await vtctl(fake, 'DeleteShard', '-recursive', '-even_if_serving', 'customer/-80');
      expect(ok.Error).toBe('');
      expect(logLines(ok.Output)).toEqual([
        'I Deleting all tablets in shard customer/-80 cell zone1',
        'I Deleting tablet zone1-0000000200',
        'I Deleting tablet zone1-0000000201',
        'I Deleting all tablets in shard customer/-80 cell zone2',
        'I Deleting tablet zone2-0000000202',
      ]);
      expect(JSON.parse((await get(fake, '/api/shards/customer/')).body)).toEqual(['80-']);
      const missing = await vtctl(fake, 'DeleteShard', 'customer/-80');
      expect(missing.Error).toBe('');
      expect(logLines(missing.Output)).toEqual([
        "I Shard customer/-80 doesn't seem to exist, cleaning up any potential leftover",
        "I Shard customer/-80 doesn't exist, skipping it",
      ]);
      expect((await vtctl(fake, 'DeleteShard')).Error).toBe(
        'the <keyspace/shard> argument must be used to identify at least one keyspace and shard when calling the DeleteShard command',
      );
    } finally {
      await fake.close();
    }
  });
});

describe('tablet commands', () => {
  it('gets a tablet as jsonpb', async () => {
    const r = await vtctl(prod, 'GetTablet', 'zone1-100');
    expect(r.Output).toBe(
      '{\n  "alias": {\n    "cell": "zone1",\n    "uid": 100\n  },\n  "hostname": "10.10.0.102",\n  "port_map": {\n    "grpc": 16002,\n    "vt": 15002\n  },\n  "keyspace": "commerce",\n  "shard": "0",\n  "key_range": null,\n  "type": 1,\n  "db_name_override": "",\n  "tags": {\n  },\n  "mysql_hostname": "10.10.0.102",\n  "mysql_port": 3306,\n  "master_term_start_time": {\n    "seconds": "1709280000",\n    "nanoseconds": 0\n  }\n}\n\n',
    );
    expect((await vtctl(prod, 'GetTablet', 'zone1-0000000999')).Error).toBe(
      "node doesn't exist: tablets/zone1-0000000999/Tablet",
    );
    expect((await vtctl(prod, 'GetTablet', 'zone9-1')).Error).toBe(
      "node doesn't exist: cells/zone9/CellInfo",
    );
    expect((await vtctl(prod, 'GetTablet', 'test100')).Error).toBe(
      "invalid tablet alias: 'test100', expecting format: '<cell>-<uid>'",
    );
    expect((await vtctl(prod, 'GetTablet')).Error).toBe(
      'the <tablet alias> argument is required for the GetTablet command',
    );
  });

  it('lists all tablets, or those of named cells', async () => {
    const all = await vtctl(prod, 'ListAllTablets');
    expect(all.Output.split('\n\n').filter(Boolean)).toHaveLength(9);
    const zone2 = await vtctl(prod, 'ListAllTablets', 'zone2');
    expect(
      zone2.Output.split('\n\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['zone2-0000000102', 'zone2-0000000202', 'zone2-0000000300', 'zone2-0000000301']);
    expect((await vtctl(prod, 'ListAllTablets', 'zone9')).Error).toBe(
      "cannot get tablets for cell zone9: node doesn't exist: cells/zone9/CellInfo",
    );
  });

  it('changes tablet types within the allowed transitions', async () => {
    const fake = await startProd();
    try {
      expect(await vtctl(fake, 'ChangeTabletType', 'zone1-101', 'rdonly')).toMatchObject({
        Error: '',
        Output: '',
      });
      expect(JSON.parse((await get(fake, '/api/tablets/zone1-101')).body).type).toBe(3);
      expect((await vtctl(fake, 'ChangeSlaveType', 'zone1-101', 'drained')).Error).toBe('');
      expect((await vtctl(fake, 'ChangeSlaveType', 'zone1-100', 'replica')).Error).toBe(
        'tablet cell:"zone1" uid:100  type change MASTER -> REPLICA is not an allowed transition for ChangeSlaveType',
      );
      expect((await vtctl(fake, 'ChangeTabletType', 'zone1-101', 'master')).Error).toBe(
        'tablet cell:"zone1" uid:101  type change DRAINED -> MASTER is not an allowed transition for ChangeTabletType',
      );
      expect((await vtctl(fake, 'ChangeTabletType', 'zone1-101', 'foo')).Error).toBe(
        'invalid tablet type foo: unknown TabletType foo',
      );
      expect((await vtctl(fake, 'ChangeTabletType', 'zone1-101')).Error).toBe(
        'the <tablet alias> and <db type> arguments are required for the ChangeTabletType command',
      );
      const dry = await vtctl(fake, 'ChangeTabletType', '--dry-run', 'zone1-101', 'replica');
      expect(dry.Output).toBe(
        '- zone1-0000000101 commerce 0 drained 10.10.0.103:15002 10.10.0.103:3306 [] <null>\n\n+ zone1-0000000101 commerce 0 replica 10.10.0.103:15002 10.10.0.103:3306 [] <null>\n\n',
      );
      expect(JSON.parse((await get(fake, '/api/tablets/zone1-101')).body).type).toBe(8);
      expect((await vtctl(fake, 'ChangeTabletType', '-dry-run=true', 'zone1-100', 'replica')).Error).toBe(
        'invalid type transition cell:"zone1" uid:100 : MASTER -> REPLICA',
      );
    } finally {
      await fake.close();
    }
  });

  it('pings and refreshes tablets, failing for missing or unreachable ones', async () => {
    expect(await vtctl(prod, 'Ping', 'zone1-100')).toMatchObject({ Error: '', Output: '' });
    expect(await vtctl(prod, 'RefreshState', 'zone1-100')).toMatchObject({ Error: '', Output: '' });
    expect((await vtctl(prod, 'Ping')).Error).toBe(
      'the <tablet alias> argument is required for the Ping command',
    );
    expect((await vtctl(prod, 'RefreshState')).Error).toBe(
      'the <tablet alias> argument is required for the RefreshState command',
    );
    expect((await vtctl(prod, 'Ping', 'zone1-999')).Error).toBe(
      "node doesn't exist: tablets/zone1-0000000999/Tablet",
    );
    prod.setTabletReachable('zone1-101', false);
    const down = await vtctl(prod, 'Ping', 'zone1-101');
    prod.setTabletReachable('zone1-101', true);
    expect(down.Error).toMatch(
      /^rpc error: code = Unavailable desc = .*dial tcp 10\.10\.0\.103:16002: connect: connection refused"$/,
    );
  });
});

describe('schema and vschema commands', () => {
  it('gets a tablet schema in jsonpb, by table and names only', async () => {
    const full = await vtctl(prod, 'GetSchema', 'zone1-100');
    const sd = JSON.parse(full.Output);
    // The vtgate fake's demo tables (views only with -include-views).
    expect(sd.table_definitions.map((t: { name: string }) => t.name)).toEqual([
      'all_types',
      'big_table',
      'corder',
      'customer',
      'customer_seq',
      'product',
    ]);
    expect(sd.table_definitions[5]).toMatchObject({
      name: 'product',
      columns: ['sku', 'description', 'price'],
      primary_key_columns: ['sku'],
      type: 'BASE TABLE',
      row_count: '60',
    });
    const views = await vtctl(prod, 'GetSchema', '-include-views', '-tables=order_summary', 'zone1-100');
    expect(JSON.parse(views.Output).table_definitions[0]).toMatchObject({ type: 'VIEW' });
    expect(sd.version).toMatch(/^[0-9a-f]{32}$/);
    const some = await vtctl(prod, 'GetSchema', '-tables=/^c/', '-exclude_tables=corder', 'zone1-100');
    expect(JSON.parse(some.Output).table_definitions.map((t: { name: string }) => t.name)).toEqual([
      'customer',
      'customer_seq',
    ]);
    expect((await vtctl(prod, 'GetSchema', '--table_names_only', 'zone1-200')).Output).toBe(
      'corder\n\ncustomer\n\n',
    );
    expect((await vtctl(prod, 'GetSchema', 'zone1-999')).Error).toBe(
      `GetTablet(cell:"zone1" uid:999 ) failed: node doesn't exist: tablets/zone1-0000000999/Tablet`,
    );
    expect((await vtctl(prod, 'GetSchema')).Error).toBe(
      'the <tablet alias> argument is required for the GetSchema command',
    );
    await vtctl(blank, 'CreateKeyspace', 'noschema');
    await vtctl(blank, 'CreateShard', 'noschema/0');
    blank.topo.addTablet({
      ...prod.topo.getTablet({ cell: 'zone1', uid: 101 }),
      alias: { cell: 'test', uid: 7 },
      keyspace: 'noschema',
      shard: '0',
      schema: { databaseSchema: 'x', tables: [] },
    });
    expect(JSON.parse((await vtctl(blank, 'GetSchema', 'test-7')).Output)).toEqual({
      database_schema: 'x',
      table_definitions: [],
      version: 'd41d8cd98f00b204e9800998ecf8427e',
    });
    expect((await vtctl(blank, 'GetSchema', 'test-7')).Output).toContain('"table_definitions": [\n  ],');
  });

  it('gets and applies vschemas', async () => {
    await vtctl(blank, 'CreateKeyspace', 'vs');
    expect((await vtctl(blank, 'GetVSchema', 'vs')).Output).toBe('{\n\n}\n\n');
    await vtctl(blank, 'CreateKeyspace', '-allow_empty_vschema', 'novs');
    expect((await vtctl(blank, 'GetVSchema', 'novs')).Error).toBe(
      "node doesn't exist: keyspaces/novs/VSchema",
    );
    const vschema =
      '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {"t1": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}';
    const applied = await vtctl(blank, 'ApplyVSchema', `-vschema=${vschema}`, 'vs');
    expect(applied.Error).toBe('');
    const rendered =
      '{\n  "sharded": true,\n  "vindexes": {\n    "hash": {\n      "type": "hash"\n    }\n  },\n  "tables": {\n    "t1": {\n      "columnVindexes": [\n        {\n          "column": "id",\n          "name": "hash"\n        }\n      ]\n    }\n  }\n}';
    expect(applied.Output).toBe(
      `New VSchema object:\n${rendered}\nIf this is not what you expected, check the input data (as JSON parsing will skip unexpected fields).\n\n`,
    );
    expect((await vtctl(blank, 'GetVSchema', 'vs')).Output).toBe(`${rendered}\n\n`);
    const dry = await vtctl(blank, 'ApplyVSchema', '--vschema', '{}', '-dry-run', 'vs');
    expect(dry.Output.endsWith('Dry run: Skipping update of VSchema\n\n')).toBe(true);
    expect((await vtctl(blank, 'GetVSchema', 'vs')).Output).toBe(`${rendered}\n\n`);
    const sql = await vtctl(blank, 'ApplyVSchema', '-sql=alter vschema add table t2', '-skip_rebuild', 'vs');
    expect(sql.Error).toBe('');
    expect(logLines(sql.Output).at(-1)).toBe(
      'W Skipping rebuild of SrvVSchema, will need to run RebuildVSchemaGraph for changes to take effect',
    );
    expect((await vtctl(blank, 'GetVSchema', 'vs')).Output).toContain('"t2": {\n\n    }');
  });

  it('refuses bad ApplyVSchema calls', async () => {
    const err = async (...args: string[]) => (await vtctl(blank, 'ApplyVSchema', ...args)).Error;
    expect(await err('vs')).toBe(
      'one of the sql, sql_file, vschema, or vschema_file flags must be specified when calling the ApplyVSchema command',
    );
    expect(await err('-vschema={}', '-sql=x', 'vs')).toBe(
      'only one of the sql, sql_file, vschema, or vschema_file flags may be specified when calling the ApplyVSchema command',
    );
    expect(await err('-vschema={}')).toBe('the <keyspace> argument is required for the ApplyVSchema command');
    expect(await err('-vschema={}', 'nope')).toBe(
      "keyspace(nope) doesn't exist, check if the keyspace is initialized",
    );
    expect(await err('-vschema={"foo": 1}', 'vs')).toBe('unknown field "foo" in vschema.Keyspace');
    expect(await err('-vschema={"sharded": "yes"}', 'vs')).toBe(
      'json: cannot unmarshal string into Go value of type bool',
    );
    expect(await err('-vschema={', 'vs')).toBe('unexpected end of JSON input');
    expect(await err('-sql=select 1', 'vs')).toBe(
      'error parsing vschema statement `select 1`: not a ddl statement',
    );
  });
});

describe('reparent commands', () => {
  it('needs -force to init a master on a fresh shard, then makes it master', async () => {
    const fake = await startVtctldFake({ dataset: () => new Topology() });
    try {
      fake.topo.addCell('test');
      await vtctl(fake, 'CreateShard', '-parent', 'ks/0');
      const proto = prod.topo.getTablet({ cell: 'zone1', uid: 101 });
      for (const uid of [100, 101, 102]) {
        fake.topo.addTablet({ ...proto, alias: { cell: 'test', uid }, keyspace: 'ks', shard: '0', type: 2 });
      }
      expect((await vtctl(fake, 'InitShardMaster', 'ks/0', 'test-0000000100')).Error).toBe(
        'master-elect tablet test-0000000100 is not the shard master, use -force to proceed anyway',
      );
      expect((await vtctl(fake, 'InitShardMaster', 'ks/0', 'test-5')).Error).toBe(
        'master-elect tablet test-0000000005 is not in the shard',
      );
      expect((await vtctl(fake, 'InitShardMaster', 'ks/1', 'test-100')).Error).toBe(
        "node doesn't exist: keyspaces/ks/shards/1",
      );
      expect((await vtctl(fake, 'InitShardMaster', 'ks/0')).Error).toBe(
        'action InitShardMaster requires <keyspace/shard> <tablet alias>',
      );
      const r = await vtctl(fake, 'InitShardMaster', '-force', 'ks/0', 'test-100');
      expect(r.Error).toBe('');
      expect(logLines(r.Output)).toEqual([
        'W master-elect tablet test-0000000100 is not the shard master, proceeding anyway as -force was used',
        'W master-elect tablet test-0000000100 is not a master in the shard, proceeding anyway as -force was used',
        'I resetting replication on tablet test-0000000100',
        'I resetting replication on tablet test-0000000101',
        'I resetting replication on tablet test-0000000102',
        'I initializing master on test-0000000100',
        'I populating reparent journal on new master test-0000000100',
        'I initializing slave test-0000000101',
        'I initializing slave test-0000000102',
      ]);
      const t = JSON.parse((await get(fake, '/api/tablets/test-100')).body);
      expect(t.type).toBe(1);
      expect(t.master_term_start_time.seconds).toBeGreaterThan(1_700_000_000);
      expect(JSON.parse((await get(fake, '/api/shards/ks/0')).body).master_alias).toEqual({
        cell: 'test',
        uid: 100,
      });
      expect((await vtctl(fake, 'InitShardMaster', 'ks/0', 'test-100')).Error).toBe('');
      // InitShardPrimary: the era-C name, --force spelling and "primary" wording.
      expect((await vtctl(fake, 'InitShardPrimary', 'ks/0', 'test-101')).Error).toBe(
        'primary-elect tablet test-0000000101 is not the shard primary, use --force to proceed anyway',
      );
      const p = await vtctl(fake, 'InitShardPrimary', '--force', 'ks/0', 'test-101');
      expect(p.Error).toBe('');
      expect(JSON.parse((await get(fake, '/api/tablets/test-100')).body).type).toBe(2);
      expect(JSON.parse((await get(fake, '/api/tablets/test-101')).body).type).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('reparents one tablet to its shard master', async () => {
    expect(await vtctl(prod, 'ReparentTablet', 'zone1-101')).toMatchObject({ Error: '', Output: '' });
    expect((await vtctl(prod, 'ReparentTablet')).Error).toBe('action ReparentTablet requires <tablet alias>');
    expect((await vtctl(prod, 'ReparentTablet', 'zone1-999')).Error).toBe(
      "node doesn't exist: tablets/zone1-0000000999/Tablet",
    );
    await vtctl(blank, 'CreateShard', '-parent', 'nomaster/0');
    blank.topo.addTablet({
      ...prod.topo.getTablet({ cell: 'zone1', uid: 101 }),
      alias: { cell: 'test', uid: 55 },
      keyspace: 'nomaster',
      shard: '0',
    });
    expect((await vtctl(blank, 'ReparentTablet', 'test-55')).Error).toBe(
      'no master tablet for shard nomaster/0',
    );
  });

  it('plans a reparent away from the master or to a named tablet', async () => {
    const fake = await startProd();
    try {
      const away = await vtctl(fake, 'PlannedReparentShard', '-keyspace_shard=customer/-80');
      expect(away.Error).toBe('');
      expect(logLines(away.Output)[0]).toBe('I elected new master candidate zone1-0000000201');
      expect(JSON.parse((await get(fake, '/api/shards/customer/-80')).body).master_alias).toEqual({
        cell: 'zone1',
        uid: 201,
      });
      expect(JSON.parse((await get(fake, '/api/tablets/zone1-200')).body).type).toBe(2);
      const back = await vtctl(fake, 'PlannedReparentShard', 'customer/-80', 'zone1-200');
      expect(back.Error).toBe('');
      expect(JSON.parse((await get(fake, '/api/tablets/zone1-200')).body).type).toBe(1);
      expect(
        (
          await vtctl(
            fake,
            'PlannedReparentShard',
            '-keyspace_shard=customer/-80',
            '-new_master=zone1-201',
            '-avoid_master=zone1-201',
          )
        ).Error,
      ).toBe('master-elect tablet zone1-0000000201 is the same as the tablet to avoid');
      expect(
        (
          await vtctl(
            fake,
            'PlannedReparentShard',
            '-keyspace_shard=customer/-80',
            'customer/-80',
            'zone1-201',
          )
        ).Error,
      ).toBe(
        'cannot use legacy syntax and flags -keyspace_shard and -new_master for action PlannedReparentShard at the same time',
      );
      expect((await vtctl(fake, 'PlannedReparentShard', 'customer/-80')).Error).toBe(
        'action PlannedReparentShard requires -keyspace_shard=<keyspace/shard> [-new_master=<tablet alias>] [-avoid_master=<tablet alias>]',
      );
      expect(
        (await vtctl(fake, 'PlannedReparentShard', '-keyspace_shard=customer/-80', '-new_master=zone2-300'))
          .Error,
      ).toBe('master-elect tablet zone2-0000000300 is not in the shard');
      expect(
        (await vtctl(fake, 'PlannedReparentShard', '-keyspace_shard=customer/-80', '-avoid_master=zone2-202'))
          .Error,
      ).toBe('');
      expect((await vtctl(fake, 'PlannedReparentShard')).Error).toBe('invalid shard path: ');
    } finally {
      await fake.close();
    }
  });
});

describe('FindAllShardsInKeyspace', () => {
  it('prints the map shard name -> Shard record with encoding/json (omitempty, ints, base64)', async () => {
    const r = await vtctl(prod, 'FindAllShardsInKeyspace', 'customer');
    expect(r.Error).toBe('');
    expect(r.Output).toBe(
      `${JSON.stringify(
        {
          '-80': {
            master_alias: { cell: 'zone1', uid: 200 },
            master_term_start_time: { seconds: 1709280000 },
            key_range: { end: 'gA==' },
            is_master_serving: true,
          },
          '80-': {
            master_alias: { cell: 'zone2', uid: 300 },
            master_term_start_time: { seconds: 1709280000 },
            key_range: { start: 'gA==' },
            is_master_serving: true,
          },
        },
        null,
        2,
      )}\n\n`,
    );
    const commerce = JSON.parse((await vtctl(prod, 'FindAllShardsInKeyspace', 'commerce')).Output);
    expect(Object.keys(commerce)).toEqual(['0']);
    expect(commerce['0']).not.toHaveProperty('key_range');
  });

  it('sorts keys byte-wise like a Go map, omits false and empty fields, and fails with the real texts', async () => {
    await vtctl(blank, 'CreateKeyspace', 'mixed');
    expect((await vtctl(blank, 'FindAllShardsInKeyspace', 'mixed')).Output).toBe('{}\n\n');
    await vtctl(blank, 'CreateShard', 'mixed/0');
    await vtctl(blank, 'CreateShard', 'mixed/-80');
    expect((await vtctl(blank, 'FindAllShardsInKeyspace', 'mixed')).Output).toBe(
      '{\n  "-80": {\n    "key_range": {\n      "end": "gA=="\n    }\n  },\n  "0": {\n    "is_master_serving": true\n  }\n}\n\n',
    );
    expect((await vtctl(prod, 'FindAllShardsInKeyspace', 'nope')).Error).toBe(
      "failed to get list of shards for keyspace 'nope': node doesn't exist: keyspaces/nope/shards",
    );
    expect((await vtctl(prod, 'FindAllShardsInKeyspace')).Error).toBe(
      'the <keyspace> argument is required for the FindAllShardsInKeyspace command',
    );
    expect((await vtctl(prod, 'Help')).Output).toContain('  FindAllShardsInKeyspace <keyspace>\n');
  });
});

describe('ExecuteFetchAs* without MariaDB', () => {
  it('fails on a tablet that has no MySQL behind it', async () => {
    expect((await vtctl(prod, 'ExecuteFetchAsDba', 'zone1-100', 'SELECT 1')).Error).toBe(
      'rpc error: code = Unavailable desc = tablet zone1-0000000100 has no MySQL in this sandbox (its MariaDB is not running)',
    );
  });

  it('wraps long cells at 30 columns and right-aligns numbers (tablewriter)', () => {
    const writes = renderTableWrites(
      ['id', 'note'],
      [
        ['7', 'a rather long note that needs more than one line'],
        ['1,234.5', 'short'],
      ],
    );
    expect(writes.join('')).toBe(
      [
        '+---------+--------------------------------+',
        '|   id    |              note              |',
        '+---------+--------------------------------+',
        '|       7 | a rather long note that needs  |',
        '|         | more than one line             |',
        '| 1,234.5 | short                          |',
        '+---------+--------------------------------+',
        '',
      ].join('\n'),
    );
  });
});
