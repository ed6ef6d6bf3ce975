// Each topology record in the two encodings vtctld uses: jsonpb for a bare proto message, and
// encoding/json (Go struct tags, omitempty, enums as ints, bytes as base64) for slices and maps.

import { createHash } from 'node:crypto';
import type { KeyRange } from '../keyrange';
import type { TabletAlias } from '../names';
import type { Keyspace, SchemaDefinition, Shard, SrvKeyspace, Tablet, TermTime } from '../topo/types';
import { bytes, hexToBase64, i64, list, msg, type Pb, pbMap } from './jsonpb';

// ---- jsonpb (proto declaration order, defaults emitted) ----

export function aliasPb(a: TabletAlias | null): Pb {
  return a
    ? msg([
        ['cell', a.cell],
        ['uid', a.uid],
      ])
    : null;
}

function timePb(t: TermTime | null): Pb {
  return t
    ? msg([
        ['seconds', i64(t.seconds)],
        ['nanoseconds', t.nanoseconds],
      ])
    : null;
}

export function keyRangePb(r: KeyRange | null): Pb {
  return r
    ? msg([
        ['start', bytes(r.start || null)],
        ['end', bytes(r.end || null)],
      ])
    : null;
}

export function keyspacePb(ks: Keyspace): Pb {
  return msg([
    ['sharding_column_name', ks.shardingColumnName],
    ['sharding_column_type', ks.shardingColumnType],
    [
      'served_froms',
      list(
        ks.servedFroms.map((s) =>
          msg([
            ['tablet_type', s.tabletType],
            ['cells', list(s.cells)],
            ['keyspace', s.keyspace],
          ]),
        ),
      ),
    ],
    ['keyspace_type', ks.keyspaceType],
    ['base_keyspace', ks.baseKeyspace],
    ['snapshot_time', timePb(ks.snapshotTime)],
  ]);
}

export function shardPb(s: Shard): Pb {
  return msg([
    ['master_alias', aliasPb(s.masterAlias)],
    ['master_term_start_time', timePb(s.masterTermStartTime)],
    ['key_range', keyRangePb(s.keyRange)],
    ['served_types', list([])],
    ['source_shards', list([])],
    ['tablet_controls', list([])],
    ['is_master_serving', s.isMasterServing],
  ]);
}

export function tabletPb(t: Tablet): Pb {
  return msg([
    ['alias', aliasPb(t.alias)],
    ['hostname', t.hostname],
    ['port_map', pbMap(t.portMap)],
    ['keyspace', t.keyspace],
    ['shard', t.shard],
    ['key_range', keyRangePb(t.keyRange)],
    ['type', t.type],
    ['db_name_override', t.dbNameOverride],
    ['tags', pbMap(t.tags)],
    ['mysql_hostname', t.mysqlHostname],
    ['mysql_port', t.mysqlPort],
    ['master_term_start_time', timePb(t.masterTermStartTime)],
  ]);
}

export function srvKeyspacePb(s: SrvKeyspace): Pb {
  return msg([
    [
      'partitions',
      list(
        s.partitions.map((p) =>
          msg([
            ['served_type', p.servedType],
            [
              'shard_references',
              list(
                p.shardReferences.map((r) =>
                  msg([
                    ['name', r.name],
                    ['key_range', keyRangePb(r.keyRange)],
                  ]),
                ),
              ),
            ],
            ['shard_tablet_controls', list([])],
          ]),
        ),
      ),
    ],
    ['sharding_column_name', s.shardingColumnName],
    ['sharding_column_type', s.shardingColumnType],
    ['served_from', list([])],
  ]);
}

/** tmutils GenerateSchemaVersion: md5 over the table schemas in order. */
export function schemaVersion(sd: SchemaDefinition): string {
  const h = createHash('md5');
  for (const t of sd.tables) h.update(t.schema);
  return h.digest('hex');
}

export function schemaPb(sd: SchemaDefinition, tables = sd.tables): Pb {
  return msg([
    ['database_schema', sd.databaseSchema],
    [
      'table_definitions',
      list(
        tables.map((t) =>
          msg([
            ['name', t.name],
            ['schema', t.schema],
            ['columns', list(t.columns)],
            ['primary_key_columns', list(t.primaryKeyColumns)],
            ['type', t.type],
            ['data_length', i64(t.dataLength)],
            ['row_count', i64(t.rowCount)],
          ]),
        ),
      ),
    ],
    ['version', schemaVersion({ databaseSchema: sd.databaseSchema, tables })],
  ]);
}

// ---- encoding/json (omitempty) ----

type Json = Record<string, unknown>;

export function aliasJson(a: TabletAlias): Json {
  const out: Json = {};
  if (a.cell) out.cell = a.cell;
  if (a.uid) out.uid = a.uid;
  return out;
}

export function keyRangeJson(r: KeyRange): Json {
  const out: Json = {};
  if (r.start) out.start = hexToBase64(r.start);
  if (r.end) out.end = hexToBase64(r.end);
  return out;
}

function sortedRecord<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, obj[k] as T]),
  );
}

function termTimeJson(t: TermTime): Json {
  const out: Json = {};
  if (t.seconds) out.seconds = t.seconds;
  if (t.nanoseconds) out.nanoseconds = t.nanoseconds;
  return out;
}

/** topo.ShardInfo through encoding/json: the embedded Shard's fields, omitempty (FindAllShardsInKeyspace). */
export function shardJson(s: Shard): Json {
  const out: Json = {};
  if (s.masterAlias) out.master_alias = aliasJson(s.masterAlias);
  if (s.masterTermStartTime) out.master_term_start_time = termTimeJson(s.masterTermStartTime);
  if (s.keyRange) out.key_range = keyRangeJson(s.keyRange);
  if (s.isMasterServing) out.is_master_serving = true;
  return out;
}

/** vtctld's TabletWithURL (and, without `url`, a Tablet through encoding/json). */
export function tabletJson(t: Tablet, url?: string): Json {
  const out: Json = { alias: aliasJson(t.alias) };
  if (t.hostname) out.hostname = t.hostname;
  if (Object.keys(t.portMap).length) out.port_map = sortedRecord(t.portMap);
  if (t.keyspace) out.keyspace = t.keyspace;
  if (t.shard) out.shard = t.shard;
  if (t.keyRange) out.key_range = keyRangeJson(t.keyRange);
  if (t.type) out.type = t.type;
  if (t.dbNameOverride) out.db_name_override = t.dbNameOverride;
  if (Object.keys(t.tags).length) out.tags = sortedRecord(t.tags);
  if (t.mysqlHostname) out.mysql_hostname = t.mysqlHostname;
  if (t.mysqlPort) out.mysql_port = t.mysqlPort;
  if (t.masterTermStartTime) out.master_term_start_time = termTimeJson(t.masterTermStartTime);
  if (url) out.url = url;
  return out;
}

export function srvKeyspaceJson(s: SrvKeyspace): Json {
  const out: Json = {};
  if (s.partitions.length) {
    out.partitions = s.partitions.map((p) => {
      const part: Json = { served_type: p.servedType };
      if (p.shardReferences.length) {
        part.shard_references = p.shardReferences.map((r) => {
          const ref: Json = {};
          if (r.name) ref.name = r.name;
          if (r.keyRange) ref.key_range = keyRangeJson(r.keyRange);
          return ref;
        });
      }
      return part;
    });
  }
  if (s.shardingColumnName) out.sharding_column_name = s.shardingColumnName;
  if (s.shardingColumnType) out.sharding_column_type = s.shardingColumnType;
  return out;
}

/** `http://<hostname>:<vt port>` with an IPv6 host bracketed, as vtctld builds tablet links. */
export function tabletUrl(t: Tablet): string {
  const host = t.hostname.includes(':') ? `[${t.hostname}]` : t.hostname;
  return `http://${host}:${t.portMap.vt ?? 0}`;
}
