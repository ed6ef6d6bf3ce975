// The demo's tables: the Vitess "commerce" example schema, as SHOW CREATE TABLE prints it.

import { tableFromCreate } from '../vtctld/ddl';
import type { TableDefinition } from '../vtctld/topo/types';

export const PRODUCT = `CREATE TABLE product (
  sku varbinary(128) NOT NULL,
  description varbinary(128),
  price bigint,
  PRIMARY KEY (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8`;

export const CUSTOMER = `CREATE TABLE customer (
  customer_id bigint NOT NULL AUTO_INCREMENT,
  email varbinary(128),
  PRIMARY KEY (customer_id),
  KEY idx_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8`;

export const CORDER = `CREATE TABLE corder (
  order_id bigint NOT NULL AUTO_INCREMENT,
  customer_id bigint,
  sku varbinary(128),
  price bigint,
  PRIMARY KEY (order_id),
  KEY idx_customer (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8`;

export const EMAIL_LOOKUP = `CREATE TABLE customer_email_lookup (
  email varbinary(128) NOT NULL,
  keyspace_id varbinary(128),
  PRIMARY KEY (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8`;

/** Row counts stay under vtctld's 100k big-change guard so ALTERs work in the demo. */
export function commerceTables(scale = 1): TableDefinition[] {
  return [
    tableFromCreate(PRODUCT, Math.round(1_200 * scale), 16384 * 6),
    tableFromCreate(CUSTOMER, Math.round(48_000 * scale), 16384 * 160),
    tableFromCreate(CORDER, Math.round(95_000 * scale), 16384 * 420),
  ];
}

export function customerTables(rowsPerShard: number): TableDefinition[] {
  return [
    tableFromCreate(CUSTOMER, rowsPerShard, 16384 * Math.max(1, Math.round(rowsPerShard / 300))),
    tableFromCreate(CORDER, rowsPerShard * 2, 16384 * Math.max(1, Math.round(rowsPerShard / 120))),
  ];
}

export const COMMERCE_VSCHEMA = { tables: { corder: {}, customer: {}, product: {} } };

export const CUSTOMER_VSCHEMA = {
  sharded: true,
  vindexes: { hash: { type: 'hash' } },
  tables: {
    corder: { columnVindexes: [{ column: 'customer_id', name: 'hash' }] },
    customer: { columnVindexes: [{ column: 'customer_id', name: 'hash' }] },
  },
};
