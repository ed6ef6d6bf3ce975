// Applies one DDL statement to a tablet's schema the way MySQL would, returning a new
// SchemaDefinition (schemas are shared between tablets, never mutated) or throwing a MysqlError.

import type { SchemaDefinition, TableDefinition } from '../topo/types';
import type { Classified } from './classify';
import { MysqlError } from './errors';
import { IDENT, indexColumns, quoteIdent, splitTopLevel, unquoteIdent } from './split';
import { addItem, parseCreateTable, parseKeyClause, renderCreateTable, type TableModel } from './table';

/** A TableDefinition from a CREATE TABLE text, normalised to SHOW CREATE TABLE form. */
export function tableFromCreate(sql: string, rowCount = 0, dataLength = 16384): TableDefinition {
  return definitionOf(parseCreateTable(sql), rowCount, dataLength);
}

function definitionOf(model: TableModel, rowCount: number, dataLength: number): TableDefinition {
  return {
    name: model.name,
    schema: renderCreateTable(model),
    columns: model.columns.map((c) => c.name),
    primaryKeyColumns: model.primaryKey,
    type: 'BASE TABLE',
    dataLength,
    rowCount,
  };
}

function withTables(sd: SchemaDefinition, tables: TableDefinition[]): SchemaDefinition {
  return {
    databaseSchema: sd.databaseSchema,
    tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

const find = (sd: SchemaDefinition, name: string) =>
  sd.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());

export function applyStatement(sd: SchemaDefinition, stmt: Classified, dbName: string): SchemaDefinition {
  if (stmt.kind !== 'ddl') return sd;
  const missing = (t: string) => new MysqlError(1146, '42S02', `Table '${dbName}.${t}' doesn't exist`);
  const { sql } = stmt;
  const name = stmt.tables[0]!;
  switch (stmt.action) {
    case 'create': {
      if (find(sd, name)) {
        if (/^CREATE\s+(?:TEMPORARY\s+)?TABLE\s+IF\s+NOT\s+EXISTS/i.test(sql)) return sd;
        throw new MysqlError(1050, '42S01', `Table '${name}' already exists`);
      }
      if (stmt.view) {
        const view: TableDefinition = {
          name,
          schema: `CREATE ALGORITHM=UNDEFINED DEFINER=\`vt_app\`@\`localhost\` SQL SECURITY DEFINER VIEW ${quoteIdent(name)} AS ${sql.replace(/^.*?\bAS\s+/is, '')}`,
          columns: [],
          primaryKeyColumns: [],
          type: 'VIEW',
          dataLength: 0,
          rowCount: 0,
        };
        return withTables(sd, [...sd.tables, view]);
      }
      const like = new RegExp(`^CREATE\\s+TABLE\\s+${IDENT}\\s+LIKE\\s+(${IDENT})`, 'is').exec(sql);
      if (like) {
        const src = find(sd, unquoteIdent(like[1]!));
        if (!src) throw missing(unquoteIdent(like[1]!));
        const model = parseCreateTable(src.schema);
        model.name = name;
        return withTables(sd, [...sd.tables, definitionOf(model, 0, 16384)]);
      }
      return withTables(sd, [...sd.tables, tableFromCreate(sql)]);
    }
    case 'drop': {
      const absent = stmt.tables.filter((t) => !find(sd, t));
      if (absent.length && !stmt.ifExists) {
        throw new MysqlError(
          1051,
          '42S02',
          `Unknown table '${absent.map((t) => `${dbName}.${t}`).join(',')}'`,
        );
      }
      const drop = new Set(stmt.tables.map((t) => t.toLowerCase()));
      return withTables(
        sd,
        sd.tables.filter((t) => !drop.has(t.name.toLowerCase())),
      );
    }
    case 'rename': {
      const src = find(sd, name);
      if (!src) throw missing(name);
      const to = unquoteIdent(new RegExp(`\\s+TO\\s+(${IDENT})`, 'is').exec(sql)![1]!);
      if (find(sd, to)) throw new MysqlError(1050, '42S01', `Table '${to}' already exists`);
      const model = parseCreateTable(src.schema);
      model.name = to;
      return withTables(sd, [
        ...sd.tables.filter((t) => t !== src),
        definitionOf(model, src.rowCount, src.dataLength),
      ]);
    }
    case 'truncate': {
      if (!find(sd, name)) throw missing(name);
      return sd;
    }
    case 'alter': {
      const src = find(sd, name);
      if (!src) throw missing(name);
      if (src.type === 'VIEW') return sd;
      const model = parseCreateTable(src.schema);
      alterTable(model, sql);
      const renamed = model.name !== src.name && find(sd, model.name);
      if (renamed) throw new MysqlError(1050, '42S01', `Table '${model.name}' already exists`);
      return withTables(sd, [
        ...sd.tables.filter((t) => t !== src),
        definitionOf(model, src.rowCount, src.dataLength),
      ]);
    }
  }
}

function alterTable(model: TableModel, sql: string): void {
  const createIndex = new RegExp(
    `^CREATE\\s+((?:UNIQUE|FULLTEXT|SPATIAL)\\s+)?INDEX\\s+(${IDENT})\\s+ON\\s+${IDENT}\\s*(\\(.*\\))`,
    'is',
  ).exec(sql);
  if (createIndex) {
    addItem(model, `${createIndex[1] ?? ''}KEY ${createIndex[2]} ${createIndex[3]}`);
    return;
  }
  const dropIndex = new RegExp(`^DROP\\s+INDEX\\s+(${IDENT})\\s+ON`, 'is').exec(sql);
  if (dropIndex) {
    dropKey(model, unquoteIdent(dropIndex[1]!));
    return;
  }
  const body = sql.replace(new RegExp(`^ALTER\\s+(?:IGNORE\\s+)?TABLE\\s+${IDENT}\\s*`, 'is'), '');
  for (const clause of splitTopLevel(body, ',')) alterClause(model, clause);
}

function dropKey(model: TableModel, key: string): void {
  const i = model.keys.findIndex((k) => k.name.toLowerCase() === key.toLowerCase());
  if (i < 0) throw new MysqlError(1091, '42000', `Can't DROP '${key}'; check that column/key exists`);
  model.keys.splice(i, 1);
}

function columnIndex(model: TableModel, name: string): number {
  return model.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

function placeColumn(model: TableModel, definition: string, at: number): void {
  const pos = /\s+(FIRST|AFTER\s+(\S+))\s*$/i.exec(definition);
  const col = model.columns.pop()!;
  if (pos) col.definition = col.definition.replace(/\s+(FIRST|AFTER\s+\S+)\s*$/i, '');
  let index = at < 0 ? model.columns.length : at;
  if (pos?.[1]?.toUpperCase() === 'FIRST') index = 0;
  else if (pos?.[2]) {
    const after = columnIndex(model, unquoteIdent(pos[2]));
    if (after < 0)
      throw new MysqlError(1054, '42S22', `Unknown column '${unquoteIdent(pos[2])}' in '${model.name}'`);
    index = after + 1;
  }
  model.columns.splice(index, 0, col);
}

type Rule = [RegExp, (m: RegExpExecArray) => void];

const id = (src: string) => src.replaceAll('ID', IDENT);

function alterRules(model: TableModel, clause: string): Rule[] {
  return [
    [
      /^ADD\s+(?:COLUMN\s+)?\(((?!\s*(?:KEY|INDEX|UNIQUE|PRIMARY)\b).*)\)$/is,
      (m) => {
        for (const item of splitTopLevel(m[1]!, ',')) addItem(model, item);
      },
    ],
    [
      /^ADD\s+(?:COLUMN\s+)?(.*)$/is,
      (m) => {
        const item = m[1]!;
        const isKey =
          /^(CONSTRAINT|PRIMARY|UNIQUE|KEY|INDEX|FULLTEXT|SPATIAL|FOREIGN)\b/i.test(item) &&
          !/^COLUMN\b/i.test(clause.slice(4));
        addItem(model, item);
        if (!isKey) placeColumn(model, item, -1);
      },
    ],
    [
      /^DROP\s+PRIMARY\s+KEY$/i,
      () => {
        if (!model.primaryKey.length)
          throw new MysqlError(1091, '42000', "Can't DROP 'PRIMARY'; check that column/key exists");
        model.primaryKey = [];
      },
    ],
    [new RegExp(id('^DROP\\s+(?:INDEX|KEY)\\s+(ID)$'), 'is'), (m) => dropKey(model, unquoteIdent(m[1]!))],
    [new RegExp(id('^DROP\\s+(?:COLUMN\\s+)?(ID)$'), 'is'), (m) => dropColumn(model, unquoteIdent(m[1]!))],
    [
      new RegExp(id('^MODIFY\\s+(?:COLUMN\\s+)?(ID)\\s+(.+)$'), 'is'),
      (m) => replaceColumn(model, unquoteIdent(m[1]!), unquoteIdent(m[1]!), m[2]!),
    ],
    [
      new RegExp(id('^CHANGE\\s+(?:COLUMN\\s+)?(ID)\\s+(ID)\\s+(.+)$'), 'is'),
      (m) => replaceColumn(model, unquoteIdent(m[1]!), unquoteIdent(m[2]!), m[3]!),
    ],
    [
      new RegExp(id('^RENAME\\s+(?:TO\\s+|AS\\s+)?(ID)$'), 'is'),
      (m) => {
        model.name = unquoteIdent(m[1]!);
      },
    ],
    [new RegExp(id('^RENAME\\s+(?:INDEX|KEY)\\s+(ID)\\s+TO\\s+(ID)$'), 'is'), (m) => renameKey(model, m)],
    [
      /^(ENGINE|AUTO_INCREMENT|COMMENT|ROW_FORMAT|(DEFAULT\s+)?(CHARSET|CHARACTER\s+SET|COLLATE))\s*=?/i,
      () => {
        const key = /^[A-Za-z_ ]+?(?=\s*=|\s+\S+$)/.exec(clause)?.[0].trim().toUpperCase() ?? clause;
        const opts = model.options
          .split(/\s+(?=[A-Z_]+(?:\s+[A-Z_]+)?\s*=)/i)
          .filter((o) => !o.toUpperCase().startsWith(key));
        model.options = [...opts, clause].join(' ').trim();
      },
    ],
    [/^(FORCE|ALGORITHM\s*=\s*\w+|LOCK\s*=\s*\w+)$/i, () => {}],
  ];
}

function alterClause(model: TableModel, clause: string): void {
  for (const [re, apply] of alterRules(model, clause)) {
    const m = re.exec(clause);
    if (m) {
      apply(m);
      return;
    }
  }
  throw MysqlError.syntax(clause);
}

function dropColumn(model: TableModel, col: string): void {
  const i = columnIndex(model, col);
  if (i < 0) throw new MysqlError(1091, '42000', `Can't DROP '${col}'; check that column/key exists`);
  model.columns.splice(i, 1);
  const same = (c: string) => c.toLowerCase() === col.toLowerCase();
  model.primaryKey = model.primaryKey.filter((c) => !same(c));
  model.keys = model.keys.filter((k) => !indexColumns(/\((.*)\)/s.exec(k.line)?.[1] ?? '').some(same));
  if (!model.columns.length) {
    throw new MysqlError(
      1090,
      '42000',
      "You can't delete all columns with ALTER TABLE; use DROP TABLE instead",
    );
  }
}

function renameKey(model: TableModel, m: RegExpExecArray): void {
  const from = unquoteIdent(m[1]!);
  const key = model.keys.find((k) => k.name.toLowerCase() === from.toLowerCase());
  if (!key) throw new MysqlError(1176, '42000', `Key '${from}' doesn't exist in table '${model.name}'`);
  const parsed = parseKeyClause(key.line.replace(quoteIdent(key.name), quoteIdent(unquoteIdent(m[2]!))));
  if (parsed) Object.assign(key, parsed);
}

function replaceColumn(model: TableModel, from: string, to: string, definition: string): void {
  const i = columnIndex(model, from);
  if (i < 0) throw new MysqlError(1054, '42S22', `Unknown column '${from}' in '${model.name}'`);
  if (from.toLowerCase() !== to.toLowerCase() && columnIndex(model, to) >= 0) {
    throw new MysqlError(1060, '42S21', `Duplicate column name '${to}'`);
  }
  model.columns.splice(i, 1);
  model.columns.push({ name: to, definition });
  placeColumn(model, definition, i);
  model.primaryKey = model.primaryKey.map((c) => (c.toLowerCase() === from.toLowerCase() ? to : c));
}
