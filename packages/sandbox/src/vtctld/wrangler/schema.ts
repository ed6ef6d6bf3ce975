// GetSchema on a tablet and the schema diff used by ValidateSchema* (tmutils.DiffSchema).

import { syncKeyspaceSchema, type TabletMysql } from '../mysql';
import { aliasProtoText, aliasString, type TabletAlias } from '../names';
import { VtError } from '../topo/errors';
import type { Topology } from '../topo/topology';
import type { SchemaDefinition, TableDefinition } from '../topo/types';
import { rpc } from './tmc';

export interface SchemaFilter {
  tables?: string[];
  excludeTables?: string[];
  includeViews?: boolean;
}

/** A `/regexp/` entry matches by (unanchored) regexp, anything else by exact name. */
function matches(patterns: string[], name: string): boolean {
  return patterns.some((p) =>
    p.length > 1 && p.startsWith('/') && p.endsWith('/') ? new RegExp(p.slice(1, -1)).test(name) : p === name,
  );
}

export function filterTables(sd: SchemaDefinition, f: SchemaFilter): TableDefinition[] {
  return sd.tables.filter(
    (t) =>
      (f.includeViews || t.type !== 'VIEW') &&
      (!f.tables?.length || matches(f.tables, t.name)) &&
      !(f.excludeTables?.length && matches(f.excludeTables, t.name)),
  );
}

/** wrangler.GetSchema: the tablet record, then the tablet's own GetSchema RPC. */
export function getTabletSchema(topo: Topology, alias: TabletAlias, f: SchemaFilter = {}): SchemaDefinition {
  let tablet: ReturnType<Topology['getTablet']>;
  try {
    tablet = topo.getTablet(alias);
  } catch (err) {
    throw new VtError(`GetTablet(${aliasProtoText(alias)}) failed: ${(err as Error).message}`);
  }
  rpc(tablet);
  return { databaseSchema: tablet.schema.databaseSchema, tables: filterTables(tablet.schema, f) };
}

/**
 * GetSchema as the GetSchema command runs it: with the sandbox's MySQL serving the tablet's keyspace,
 * the live schema (which also refreshes the tablet records); otherwise the tablet record's.
 */
export async function loadTabletSchema(
  topo: Topology,
  mysql: TabletMysql | undefined,
  alias: TabletAlias,
  f: SchemaFilter = {},
): Promise<SchemaDefinition> {
  const recorded = getTabletSchema(topo, alias, f);
  const keyspace = topo.getTablet(alias).keyspace;
  if (!mysql?.serves(keyspace)) return recorded;
  const live = await syncKeyspaceSchema(topo, mysql, keyspace);
  return { databaseSchema: live.databaseSchema, tables: filterTables(live, f) };
}

/** tmutils.DiffSchema: differences between two schemas, named by tablet alias. */
export function diffSchema(
  leftAlias: TabletAlias,
  left: SchemaDefinition,
  rightAlias: TabletAlias,
  right: SchemaDefinition,
): string[] {
  const ln = aliasString(leftAlias);
  const rn = aliasString(rightAlias);
  const out: string[] = [];
  if (left.databaseSchema !== right.databaseSchema) {
    out.push(
      `${ln} and ${rn} don't agree on database creation command:\n${left.databaseSchema}\n differs from:\n${right.databaseSchema}`,
    );
  }
  const extra = (who: string, t: TableDefinition) =>
    `${who} has an extra ${t.type === 'VIEW' ? 'view' : 'table'} named ${t.name}`;
  let i = 0;
  let j = 0;
  while (i < left.tables.length && j < right.tables.length) {
    const l = left.tables[i]!;
    const r = right.tables[j]!;
    if (l.name < r.name) {
      out.push(extra(ln, l));
      i++;
    } else if (l.name > r.name) {
      out.push(extra(rn, r));
      j++;
    } else {
      if (l.schema !== r.schema) {
        out.push(
          `${ln} and ${rn} disagree on schema for table ${l.name}:\n${l.schema}\n differs from:\n${r.schema}`,
        );
      }
      if (l.type !== r.type) {
        out.push(
          `${ln} and ${rn} disagree on table type for ${l.name}:\n${l.type}\n differs from:\n${r.type}`,
        );
      }
      i++;
      j++;
    }
  }
  for (; i < left.tables.length; i++) out.push(extra(ln, left.tables[i]!));
  for (; j < right.tables.length; j++) out.push(extra(rn, right.tables[j]!));
  return out;
}
