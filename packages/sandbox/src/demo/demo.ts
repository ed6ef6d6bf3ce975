// The demo clusters: `prod` (two cells, unsharded commerce + customer split in two) and `staging`
// (one cell, commerce and a small lookup keyspace).

import type { Topology } from '../vtctld/topo/topology';
import { DEMO_COUNTS } from '../vtgate/demo-data';
import { TopologyBuilder } from './builder';
import {
  COMMERCE_VSCHEMA,
  CUSTOMER_VSCHEMA,
  commerceTables,
  customerTables,
  LOOKUP_VSCHEMA,
  lookupTables,
} from './tables';

export function buildProd(): Topology {
  const b = new TopologyBuilder({ network: '10.10' }).cells('zone1', 'zone2');
  b.keyspace('commerce', { tables: commerceTables(), vschema: COMMERCE_VSCHEMA })
    .shard('commerce', '0')
    .tablet('commerce', '0', 'zone1', 100, 'master')
    .tablet('commerce', '0', 'zone1', 101, 'replica')
    .tablet('commerce', '0', 'zone2', 102, 'rdonly');
  b.keyspace('customer', {
    tables: customerTables(DEMO_COUNTS.customer / 2),
    vschema: CUSTOMER_VSCHEMA,
    shardingColumnName: 'customer_id',
    shardingColumnType: 1,
  })
    .shard('customer', '-80')
    .shard('customer', '80-')
    .tablet('customer', '-80', 'zone1', 200, 'master')
    .tablet('customer', '-80', 'zone1', 201, 'replica')
    .tablet('customer', '-80', 'zone2', 202, 'rdonly')
    .tablet('customer', '80-', 'zone2', 300, 'master')
    .tablet('customer', '80-', 'zone2', 301, 'replica')
    .tablet('customer', '80-', 'zone1', 302, 'rdonly');
  return b.rebuild('commerce').rebuild('customer').build();
}

export function buildStaging(): Topology {
  const b = new TopologyBuilder({ network: '10.20' }).cells('zone1');
  b.keyspace('commerce', { tables: commerceTables(1_000), vschema: COMMERCE_VSCHEMA })
    .shard('commerce', '0')
    .tablet('commerce', '0', 'zone1', 100, 'master')
    .tablet('commerce', '0', 'zone1', 101, 'replica')
    .tablet('commerce', '0', 'zone1', 102, 'rdonly');
  b.keyspace('lookup', {
    tables: lookupTables(),
    vschema: LOOKUP_VSCHEMA,
  })
    .shard('lookup', '0')
    .tablet('lookup', '0', 'zone1', 200, 'master')
    .tablet('lookup', '0', 'zone1', 201, 'replica');
  return b.rebuild('commerce').rebuild('lookup').build();
}

/** The demo data of a cluster by name; clusters other than prod get staging's shape. */
export function buildDemo(cluster: string): Topology {
  return cluster === 'prod' ? buildProd() : buildStaging();
}
