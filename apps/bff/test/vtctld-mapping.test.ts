import { describe, expect, it } from 'vitest';
import {
  keyRangeFromShardName,
  keyRangeHex,
  parseTabletAlias,
  shardIsPrimaryServing,
  shardPrimaryAlias,
  tabletAliasString,
  tabletTypeName,
  toTabletHealth,
  toTabletNode,
} from '../src/upstreams/vtctld';

describe('vtctld JSON → DTO', () => {
  it('names tablet types, MASTER (1) as PRIMARY', () => {
    expect([0, 1, 2, 3, 8, 42].map((t) => tabletTypeName(t))).toEqual([
      'UNKNOWN',
      'PRIMARY',
      'REPLICA',
      'RDONLY',
      'DRAINED',
      'UNKNOWN',
    ]);
    expect(tabletTypeName('MASTER')).toBe('PRIMARY');
    expect(tabletTypeName('replica')).toBe('REPLICA');
    expect(tabletTypeName(undefined)).toBe('UNKNOWN');
  });

  it('zero-pads aliases and parses both forms', () => {
    expect(tabletAliasString({ cell: 'zone1', uid: 100 })).toBe('zone1-0000000100');
    expect(parseTabletAlias('zone1-100')).toEqual({ cell: 'zone1', uid: 100 });
    expect(parseTabletAlias('zone1-0000000100')).toEqual({ cell: 'zone1', uid: 100 });
    expect(parseTabletAlias('zone1100')).toBeNull();
    expect(parseTabletAlias('zone1-99999999999')).toBeNull();
  });

  it('turns base64 key ranges (jsonpb nulls, omitted sides) into hex', () => {
    expect(keyRangeHex({ start: null, end: 'gA==' })).toEqual({ start: '', end: '80' });
    expect(keyRangeHex({ start: 'gA==', end: 'wA==' })).toEqual({ start: '80', end: 'c0' });
    expect(keyRangeHex(null)).toEqual({ start: '', end: '' });
    expect(keyRangeFromShardName('80-C0')).toEqual({ start: '80', end: 'c0' });
    expect(keyRangeFromShardName('0')).toEqual({ start: '', end: '' });
  });

  it('reads the primary from master_alias (era B) or primary_alias (era C)', () => {
    expect(shardPrimaryAlias({ master_alias: { cell: 'zone1', uid: 100 } })).toBe('zone1-0000000100');
    expect(shardPrimaryAlias({ primary_alias: { cell: 'zone1', uid: 7 } })).toBe('zone1-0000000007');
    expect(shardPrimaryAlias({ master_alias: null })).toBeNull();
    expect(shardIsPrimaryServing({ is_master_serving: true })).toBe(true);
    expect(shardIsPrimaryServing({ is_primary_serving: false })).toBe(false);
  });

  it('maps a tablet record (encoding/json, omitempty) to a TabletNode', () => {
    const raw = {
      alias: { cell: 'zone1', uid: 100 },
      hostname: 'mysql1-zone1.test.net',
      port_map: { vt: 15002 },
      keyspace: 'ks1',
      shard: '-80',
      key_range: { end: 'gA==' },
      type: 1,
      mysql_port: 3306,
    };
    expect(toTabletNode(raw, { primaryAlias: 'zone1-0000000100', shardServing: true })).toEqual({
      alias: 'zone1-0000000100',
      cell: 'zone1',
      uid: 100,
      type: 'PRIMARY',
      hostname: 'mysql1-zone1.test.net',
      keyspace: 'ks1',
      shard: '-80',
      keyRange: { start: '', end: '80' },
      isPrimary: true,
      serving: true,
      mysqlPort: 3306,
      url: 'http://mysql1-zone1.test.net:15002',
    });
    const replica = toTabletNode(
      { ...raw, alias: { cell: 'zone1', uid: 101 }, type: 2, url: 'http://x:1', stats: { serving: false } },
      { primaryAlias: 'zone1-0000000100', shardServing: true },
    );
    expect(replica).toMatchObject({ isPrimary: false, type: 'REPLICA', serving: false, url: 'http://x:1' });
  });

  it('maps health (jsonpb StreamHealthResponse)', () => {
    expect(
      toTabletHealth({
        serving: true,
        realtime_stats: { seconds_behind_master: 3, qps: 1.5, health_error: '' },
      }),
    ).toEqual({ serving: true, secondsBehindPrimary: 3, qps: 1.5, healthError: '' });
    expect(toTabletHealth({})).toEqual({ serving: false, secondsBehindPrimary: 0, qps: 0, healthError: '' });
  });
});
