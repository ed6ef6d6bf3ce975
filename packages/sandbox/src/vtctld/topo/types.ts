// The records vtctld keeps in its topology service (era B field sets, reference 3.3), plus the
// sandbox-only state that the real system keeps inside vttablet and MySQL (schema, health, reachability).

import type { KeyRange } from '../keyrange';
import type { TabletAlias } from '../names';

export interface TermTime {
  seconds: number;
  nanoseconds: number;
}

export interface Keyspace {
  name: string;
  shardingColumnName: string;
  shardingColumnType: number; // 0 UNSET, 1 UINT64, 2 BYTES
  servedFroms: { tabletType: number; cells: string[]; keyspace: string }[];
  keyspaceType: number; // 0 NORMAL, 1 SNAPSHOT
  baseKeyspace: string;
  snapshotTime: TermTime | null;
  /** VSchema in its lowerCamelCase JSON form; null when the keyspace has none (-allow_empty_vschema). */
  vschema: VSchema | null;
}

export type VSchema = Record<string, unknown>;

export interface Shard {
  keyspace: string;
  name: string;
  masterAlias: TabletAlias | null;
  masterTermStartTime: TermTime | null;
  keyRange: KeyRange | null;
  isMasterServing: boolean;
}

export interface TableDefinition {
  name: string;
  schema: string;
  columns: string[];
  primaryKeyColumns: string[];
  type: 'BASE TABLE' | 'VIEW';
  dataLength: number;
  rowCount: number;
}

/** Immutable: tablets share one object until a change gives a tablet its own copy. */
export interface SchemaDefinition {
  readonly databaseSchema: string;
  readonly tables: readonly TableDefinition[]; // sorted by name
}

export interface Tablet {
  alias: TabletAlias;
  hostname: string;
  portMap: Record<string, number>;
  keyspace: string;
  shard: string;
  keyRange: KeyRange | null;
  type: number;
  dbNameOverride: string;
  tags: Record<string, string>;
  mysqlHostname: string;
  mysqlPort: number;
  masterTermStartTime: TermTime | null;
  // sandbox-only, what the real vttablet/mysqld would hold:
  schema: SchemaDefinition;
  /** false: tablet RPCs fail as if vttablet were down. */
  reachable: boolean;
  /** The `%v` of the tablet's /debug/vars build fields, compared by ValidateVersion*. */
  version: string;
}

export interface ShardReference {
  name: string;
  keyRange: KeyRange | null;
}

export interface SrvKeyspace {
  partitions: { servedType: number; shardReferences: ShardReference[] }[];
  shardingColumnName: string;
  shardingColumnType: number;
}
