// Builds a topology the way a real bring-up leaves it: keyspaces with their VSchema, shards, tablets
// started by vttablet (replica/rdonly), one master per shard (InitShardMaster), SrvKeyspace rebuilt.

import { parseShardName } from '../vtctld/keyrange';
import { Logger } from '../vtctld/logger';
import { TabletType } from '../vtctld/names';
import { EMPTY_DATABASE_SCHEMA, newKeyspace, Topology } from '../vtctld/topo/topology';
import type { Keyspace, SchemaDefinition, TableDefinition, Tablet, VSchema } from '../vtctld/topo/types';
import { rebuildKeyspace } from '../vtctld/wrangler/rebuild';

export interface BuilderOptions {
  /** First two octets of the tablets' pod IPs, e.g. `10.10`. */
  network: string;
  /** `%v` of the tablets' build vars. */
  version?: string;
  /** Master term start, seconds since the epoch (fixed so the demo is reproducible). */
  termStart?: number;
}

export class TopologyBuilder {
  readonly topo = new Topology();
  private readonly schemas = new Map<string, SchemaDefinition>();
  private readonly cellIndex = new Map<string, number>();

  constructor(private readonly options: BuilderOptions) {}

  cells(...names: string[]): this {
    for (const n of names) {
      this.topo.addCell(n);
      if (!this.cellIndex.has(n)) this.cellIndex.set(n, this.cellIndex.size);
    }
    return this;
  }

  keyspace(
    name: string,
    spec: { tables: TableDefinition[] | SchemaDefinition; vschema?: VSchema } & Partial<Keyspace>,
  ): this {
    const { tables, vschema, ...fields } = spec;
    this.topo.createKeyspace(newKeyspace(name, { ...fields, vschema: vschema ?? {} }));
    const schema = Array.isArray(tables)
      ? Object.freeze({
          databaseSchema: EMPTY_DATABASE_SCHEMA,
          tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
        })
      : tables;
    this.schemas.set(name, schema);
    return this;
  }

  shard(keyspace: string, shard: string): this {
    this.topo.createShard(keyspace, shard);
    return this;
  }

  tablet(
    keyspace: string,
    shard: string,
    cell: string,
    uid: number,
    type: 'master' | 'replica' | 'rdonly',
  ): this {
    const cellIdx = this.cellIndex.get(cell) ?? 0;
    const ip = `${this.options.network}.${cellIdx * 64 + (Math.floor(uid / 250) % 64)}.${(uid % 250) + 2}`;
    const t: Tablet = {
      alias: { cell, uid },
      hostname: ip,
      portMap: { grpc: 16002, vt: 15002 },
      keyspace,
      shard,
      keyRange: parseShardName(shard),
      type: type === 'rdonly' ? TabletType.RDONLY : TabletType.REPLICA,
      dbNameOverride: '',
      tags: {},
      mysqlHostname: ip,
      mysqlPort: 3306,
      masterTermStartTime: null,
      schema: this.schemas.get(keyspace)!,
      reachable: true,
      version: this.options.version ?? '{vtbuild-7c8d2ea vitess 1588334400 7c8d2ea}',
    };
    this.topo.addTablet(t);
    if (type === 'master') this.master(keyspace, shard, t);
    return this;
  }

  private master(keyspace: string, shard: string, t: Tablet): void {
    const term = { seconds: this.options.termStart ?? 1709280000, nanoseconds: 0 };
    t.type = TabletType.MASTER;
    t.masterTermStartTime = term;
    const si = this.topo.getShard(keyspace, shard);
    si.masterAlias = { ...t.alias };
    si.masterTermStartTime = { ...term };
  }

  rebuild(keyspace: string): this {
    rebuildKeyspace(this.topo, new Logger(), keyspace, []);
    return this;
  }

  build(): Topology {
    return this.topo;
  }
}
