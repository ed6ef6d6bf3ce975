// The demo keyspaces' DDL, shared by the vtgate fake (which runs it on MariaDB) and the vtctld fake
// (which shows it in GetSchema), so both describe the same tables. Modelled on the Vitess
// "commerce" example after MoveTables: customer and corder live in both keyspaces.

import type { TableSpec } from './spec';

export const PRODUCT_SQL = `CREATE TABLE \`product\` (
  \`sku\` varbinary(128) NOT NULL,
  \`description\` varbinary(128) DEFAULT NULL,
  \`price\` bigint(20) DEFAULT NULL,
  PRIMARY KEY (\`sku\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

export const CUSTOMER_SQL = `CREATE TABLE \`customer\` (
  \`customer_id\` bigint(20) NOT NULL AUTO_INCREMENT,
  \`email\` varbinary(128) DEFAULT NULL,
  PRIMARY KEY (\`customer_id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

export const CORDER_SQL = `CREATE TABLE \`corder\` (
  \`order_id\` bigint(20) NOT NULL AUTO_INCREMENT,
  \`customer_id\` bigint(20) DEFAULT NULL,
  \`sku\` varbinary(128) DEFAULT NULL,
  \`price\` bigint(20) DEFAULT NULL,
  PRIMARY KEY (\`order_id\`),
  KEY \`idx_customer_id\` (\`customer_id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/** Vitess sequence tables back the auto-increment of the sharded customer keyspace. */
export const CUSTOMER_SEQ_SQL = `CREATE TABLE \`customer_seq\` (
  \`id\` int(11) NOT NULL,
  \`next_id\` bigint(20) DEFAULT NULL,
  \`cache\` bigint(20) DEFAULT NULL,
  PRIMARY KEY (\`id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='vitess_sequence'`;

/** One column of each kind a result grid must render: JSON, binary, NULLs, dates, enums, bits. */
export const ALL_TYPES_SQL = `CREATE TABLE \`all_types\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT,
  \`label\` varchar(64) NOT NULL,
  \`note\` text DEFAULT NULL,
  \`amount\` decimal(12,2) DEFAULT NULL,
  \`ratio\` double DEFAULT NULL,
  \`is_active\` tinyint(1) NOT NULL DEFAULT 1,
  \`birthday\` date DEFAULT NULL,
  \`created_at\` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  \`updated_at\` timestamp NULL DEFAULT NULL,
  \`alarm\` time DEFAULT NULL,
  \`year_made\` year(4) DEFAULT NULL,
  \`status\` enum('new','active','retired') NOT NULL DEFAULT 'new',
  \`colors\` set('red','green','blue') DEFAULT NULL,
  \`bits\` bit(8) DEFAULT NULL,
  \`attrs\` json DEFAULT NULL,
  \`payload\` blob DEFAULT NULL,
  \`token\` binary(16) DEFAULT NULL,
  \`big_unsigned\` bigint(20) unsigned DEFAULT NULL,
  PRIMARY KEY (\`id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/** Large enough to page through; filled by seedRows. */
export const BIG_TABLE_SQL = `CREATE TABLE \`big_table\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT,
  \`k\` int(11) NOT NULL,
  \`name\` varchar(64) NOT NULL,
  \`score\` double DEFAULT NULL,
  \`created_at\` datetime DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`idx_k\` (\`k\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

export const ORDER_SUMMARY_VIEW_SQL = `CREATE SQL SECURITY INVOKER VIEW \`order_summary\` AS
SELECT c.customer_id, c.email, COUNT(o.order_id) AS orders, COALESCE(SUM(o.price), 0) AS total
FROM customer c LEFT JOIN corder o ON o.customer_id = c.customer_id
GROUP BY c.customer_id, c.email`;

/** Staging's lookup keyspace: a consistent-lookup vindex table from email to keyspace id. */
export const CUSTOMER_EMAIL_LOOKUP_SQL = `CREATE TABLE \`customer_email_lookup\` (
  \`email\` varbinary(128) NOT NULL,
  \`keyspace_id\` varbinary(128) DEFAULT NULL,
  PRIMARY KEY (\`email\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/** Rows big_table gets in the demo; tests seed more with seedRows. */
export const DEMO_BIG_TABLE_ROWS = 10_000;

export const DEMO_TABLES: Record<'commerce' | 'customer' | 'lookup', TableSpec[]> = {
  commerce: [
    { name: 'product', createSql: PRODUCT_SQL },
    { name: 'customer', createSql: CUSTOMER_SQL },
    { name: 'corder', createSql: CORDER_SQL },
    { name: 'customer_seq', createSql: CUSTOMER_SEQ_SQL },
    { name: 'all_types', createSql: ALL_TYPES_SQL },
    { name: 'big_table', createSql: BIG_TABLE_SQL, generateRows: DEMO_BIG_TABLE_ROWS },
    { name: 'order_summary', createSql: ORDER_SUMMARY_VIEW_SQL },
  ],
  customer: [
    { name: 'customer', createSql: CUSTOMER_SQL },
    { name: 'corder', createSql: CORDER_SQL },
  ],
  lookup: [{ name: 'customer_email_lookup', createSql: CUSTOMER_EMAIL_LOOKUP_SQL }],
};
