// The in-memory topology of one cluster: what etcd holds for a real vtctld (global and per-cell
// records). Getters throw the same topo errors, with the same paths, as the Go topo server.

import { compareKeys, type KeyRange, keyRangesIntersect, parseShardName } from '../keyrange';
import { aliasString, compareAliases, type TabletAlias } from '../names';
import { nodeExists, noNode, topoPath } from './errors';
import type { Keyspace, SchemaDefinition, Shard, SrvKeyspace, Tablet } from './types';

export const EMPTY_DATABASE_SCHEMA =
  'CREATE DATABASE /*!32312 IF NOT EXISTS*/ {{.DatabaseName}} /*!40100 DEFAULT CHARACTER SET utf8 */';

export const EMPTY_SCHEMA: SchemaDefinition = Object.freeze({
  databaseSchema: EMPTY_DATABASE_SCHEMA,
  tables: [],
});

export function newKeyspace(name: string, fields: Partial<Keyspace> = {}): Keyspace {
  return {
    name,
    shardingColumnName: '',
    shardingColumnType: 0,
    servedFroms: [],
    keyspaceType: 0,
    baseKeyspace: '',
    snapshotTime: null,
    vschema: {},
    ...fields,
  };
}

export class Topology {
  readonly cells = new Set<string>();
  readonly keyspaces = new Map<string, Keyspace>();
  /** keyspace -> shard name -> shard. */
  readonly shards = new Map<string, Map<string, Shard>>();
  /** alias string (10-digit uid) -> tablet. */
  readonly tablets = new Map<string, Tablet>();
  /** `keyspace/shard` -> tablets of that shard: the replication graph, kept so lookups stay O(shard). */
  private readonly byShard = new Map<string, Set<Tablet>>();
  /** cell -> keyspace -> SrvKeyspace (present only after RebuildKeyspaceGraph). */
  readonly srvKeyspaces = new Map<string, Map<string, SrvKeyspace>>();

  addCell(cell: string): void {
    this.cells.add(cell);
    if (!this.srvKeyspaces.has(cell)) this.srvKeyspaces.set(cell, new Map());
  }

  knownCells(): string[] {
    return [...this.cells].sort();
  }

  keyspaceNames(): string[] {
    return [...this.keyspaces.keys()].sort();
  }

  getKeyspace(name: string): Keyspace {
    const ks = this.keyspaces.get(name);
    if (!ks) throw noNode(topoPath('keyspaces', name, 'Keyspace'));
    return ks;
  }

  /** The keyspace lock that CreateShard and RebuildKeyspaceGraph take first. */
  lockKeyspace(name: string): Keyspace {
    const ks = this.keyspaces.get(name);
    if (!ks) throw noNode(topoPath('keyspaces', name));
    return ks;
  }

  createKeyspace(ks: Keyspace): void {
    if (this.keyspaces.has(ks.name)) throw nodeExists(topoPath('keyspaces', ks.name, 'Keyspace'));
    this.keyspaces.set(ks.name, ks);
    if (!this.shards.has(ks.name)) this.shards.set(ks.name, new Map());
  }

  deleteKeyspace(name: string): void {
    if (!this.keyspaces.delete(name)) throw noNode(topoPath('keyspaces', name, 'Keyspace'));
    this.shards.delete(name);
    for (const byKs of this.srvKeyspaces.values()) byKs.delete(name);
  }

  /** GetShardNames: sorted; a keyspace without shards gives []; a missing keyspace the `shards` path. */
  getShardNames(keyspace: string): string[] {
    if (!this.keyspaces.has(keyspace)) throw noNode(topoPath('keyspaces', keyspace, 'shards'));
    return [...(this.shards.get(keyspace)?.keys() ?? [])].sort();
  }

  findShard(keyspace: string, shard: string): Shard | undefined {
    return this.shards.get(keyspace)?.get(shard);
  }

  getShard(keyspace: string, shard: string): Shard {
    const si = this.findShard(keyspace, shard);
    if (!si) throw noNode(topoPath('keyspaces', keyspace, 'shards', shard, 'Shard'));
    return si;
  }

  /** The shard lock that reparent commands take first. */
  lockShard(keyspace: string, shard: string): Shard {
    const si = this.findShard(keyspace, shard);
    if (!si) throw noNode(topoPath('keyspaces', keyspace, 'shards', shard));
    return si;
  }

  /** topo.CreateShard: lock, validate the name, decide is_master_serving, create. */
  createShard(keyspace: string, shard: string): Shard {
    this.lockKeyspace(keyspace);
    const keyRange = parseShardName(shard);
    const existing = [...(this.shards.get(keyspace)?.values() ?? [])];
    const isMasterServing =
      keyRange === null ||
      !existing.some((s) => s.keyRange === null || keyRangesIntersect(s.keyRange, keyRange));
    if (this.findShard(keyspace, shard))
      throw nodeExists(topoPath('keyspaces', keyspace, 'shards', shard, 'Shard'));
    const si: Shard = {
      keyspace,
      name: shard,
      masterAlias: null,
      masterTermStartTime: null,
      keyRange,
      isMasterServing,
    };
    const byName = this.shards.get(keyspace) ?? new Map<string, Shard>();
    this.shards.set(keyspace, byName);
    byName.set(shard, si);
    return si;
  }

  deleteShardRecord(keyspace: string, shard: string): void {
    if (!this.shards.get(keyspace)?.delete(shard)) {
      throw noNode(topoPath('keyspaces', keyspace, 'shards', shard, 'Shard'));
    }
  }

  getTablet(alias: TabletAlias): Tablet {
    if (!this.cells.has(alias.cell)) throw noNode(topoPath('cells', alias.cell, 'CellInfo'));
    const key = aliasString(alias);
    const t = this.tablets.get(key);
    if (!t) throw noNode(topoPath('tablets', key, 'Tablet'));
    return t;
  }

  addTablet(t: Tablet): void {
    this.addCell(t.alias.cell);
    const key = aliasString(t.alias);
    const old = this.tablets.get(key);
    if (old) this.byShard.get(`${old.keyspace}/${old.shard}`)?.delete(old);
    this.tablets.set(key, t);
    const shardKey = `${t.keyspace}/${t.shard}`;
    const set = this.byShard.get(shardKey) ?? new Set<Tablet>();
    this.byShard.set(shardKey, set);
    set.add(t);
  }

  deleteTablet(alias: TabletAlias): void {
    const key = aliasString(alias);
    const t = this.tablets.get(key);
    if (!t) throw noNode(topoPath('tablets', key, 'Tablet'));
    this.tablets.delete(key);
    this.byShard.get(`${t.keyspace}/${t.shard}`)?.delete(t);
  }

  /** FindAllTabletAliasesInShard: the shard's replication graph in every cell, sorted by cell then uid. */
  tabletsInShard(keyspace: string, shard: string, cells?: string[]): Tablet[] {
    this.getShard(keyspace, shard);
    const out: Tablet[] = [];
    for (const t of this.byShard.get(`${keyspace}/${shard}`) ?? []) {
      if (!cells || cells.includes(t.alias.cell)) out.push(t);
    }
    return out.sort((a, b) => compareAliases(a.alias, b.alias));
  }

  /** GetTabletAliasesByCell: unknown cell is NoNode on the CellInfo. */
  tabletsInCell(cell: string): Tablet[] {
    if (!this.cells.has(cell)) throw noNode(topoPath('cells', cell, 'CellInfo'));
    const out: Tablet[] = [];
    for (const t of this.tablets.values()) if (t.alias.cell === cell) out.push(t);
    return out.sort((a, b) => compareAliases(a.alias, b.alias));
  }

  getSrvKeyspace(cell: string, keyspace: string): SrvKeyspace {
    const byKs = this.srvKeyspaces.get(cell);
    if (!byKs) throw noNode(topoPath('cells', cell, 'CellInfo'));
    const srv = byKs.get(keyspace);
    if (!srv) throw noNode(topoPath('keyspaces', keyspace, 'SrvKeyspace'));
    return srv;
  }

  /** Cells whose SrvKeyspace references the shard: the meaning of "serving" for DeleteShard. */
  servingCells(keyspace: string, shard: string): string[] {
    const out: string[] = [];
    for (const [cell, byKs] of this.srvKeyspaces) {
      const srv = byKs.get(keyspace);
      if (srv?.partitions.some((p) => p.shardReferences.some((r) => r.name === shard))) out.push(cell);
    }
    return out.sort();
  }
}

export function compareRanges(a: KeyRange | null, b: KeyRange | null): number {
  return compareKeys(a?.start ?? '', b?.start ?? '');
}
