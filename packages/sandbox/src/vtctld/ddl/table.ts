// A CREATE TABLE statement as a small model (columns, keys, options) and back to the text that
// `SHOW CREATE TABLE` prints, so GetSchema shows what MySQL would store.

import { MysqlError } from './errors';
import { IDENT, indexColumns, matchParen, quoteIdent, splitTopLevel, unquoteIdent } from './split';

export interface Column {
  name: string;
  definition: string;
}

export interface TableModel {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Secondary keys as rendered lines, e.g. "KEY `idx_email` (`email`)". */
  keys: { name: string; line: string }[];
  options: string;
}

const INT_WIDTH: Record<string, [number, number]> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  int: [11, 10],
  integer: [11, 10],
  bigint: [20, 20],
};

/** Light MySQL 5.7 normalisation of a column definition: lower-case type, display widths, DEFAULT NULL. */
export function normalizeColumn(definition: string, notNull = false): string {
  let def = definition.trim();
  const m = /^([A-Za-z]+)(\s*\([^)]*\))?/.exec(def);
  if (m) {
    let type = m[1]!.toLowerCase();
    let args = m[2]?.replace(/\s+/g, '') ?? '';
    const rest = def.slice(m[0].length);
    if (type === 'integer') type = 'int';
    const width = INT_WIDTH[type];
    if (width && !args) args = `(${/\bunsigned\b/i.test(rest) ? width[1] : width[0]})`;
    def = `${type}${args}${rest}`;
  }
  def = def.replace(/\bunsigned\b/gi, 'unsigned').replace(/\bnot\s+null\b/gi, 'NOT NULL');
  def = def.replace(/\bauto_increment\b/gi, 'AUTO_INCREMENT').replace(/\bdefault\b/gi, 'DEFAULT');
  def = def.replace(/\bnull\b/g, 'NULL').replace(/\bcomment\b/gi, 'COMMENT');
  if (notNull && !/\bNOT NULL\b/.test(def)) def = def.replace(/^(\S+(?:\s+unsigned)?)/, '$1 NOT NULL');
  const isBlob = /^(tiny|medium|long)?(text|blob)\b|^json\b/.test(def);
  if (!/\bNOT NULL\b/.test(def) && !/\bDEFAULT\b/.test(def) && !isBlob && !/\bAUTO_INCREMENT\b/.test(def)) {
    def = def.replace(/^(\S+(?:\s+unsigned)?)/, '$1 DEFAULT NULL');
  }
  return def;
}

function keyName(line: string, cols: string[]): string {
  const m = new RegExp(`^(?:UNIQUE\\s+)?(?:KEY|INDEX)\\s+(${IDENT})\\s*\\(`, 'i').exec(line);
  return m ? unquoteIdent(m[1]!) : (cols[0] ?? 'key');
}

/** Parses one key clause (`KEY k (a)`, `UNIQUE (a)`, `INDEX (a,b)`, `FULLTEXT KEY ...`) into a SHOW line. */
export function parseKeyClause(clause: string): { name: string; line: string } | null {
  const m =
    /^(UNIQUE|FULLTEXT|SPATIAL)?\s*(KEY|INDEX)?\s*((?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)\s*)?\((.*)\)\s*(.*)$/is.exec(
      clause,
    );
  if (!m || (!m[1] && !m[2])) return null;
  const cols = indexColumns(m[4]!);
  const name = m[3] ? unquoteIdent(m[3]) : keyName(clause, cols);
  const prefix = m[1] ? `${m[1].toUpperCase()} KEY` : 'KEY';
  const colText = splitTopLevel(m[4]!, ',')
    .map((c) => c.replace(new RegExp(`^${IDENT}`), (id) => quoteIdent(unquoteIdent(id))))
    .join(',');
  return { name, line: `${prefix} ${quoteIdent(name)} (${colText})${m[5] ? ` ${m[5].trim()}` : ''}` };
}

/** Parses `CREATE TABLE [IF NOT EXISTS] name (...) options`. */
export function parseCreateTable(sql: string): TableModel {
  const head = new RegExp(
    `^CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${IDENT})\\s*\\(`,
    'is',
  ).exec(sql);
  if (!head) throw MysqlError.syntax(sql);
  const open = head[0].length - 1;
  const close = matchParen(sql, open);
  if (close < 0) throw MysqlError.syntax(sql.slice(open));
  const table: TableModel = {
    name: unquoteIdent(head[1]!),
    columns: [],
    primaryKey: [],
    keys: [],
    options: sql.slice(close + 1).trim(),
  };
  for (const item of splitTopLevel(sql.slice(open + 1, close), ',')) addItem(table, item);
  if (table.columns.length === 0) throw new MysqlError(1113, '42000', 'A table must have at least 1 column');
  return table;
}

/** Adds one column or key definition (CREATE TABLE item or ALTER ... ADD). */
export function addItem(table: TableModel, item: string): void {
  const pk = /^(?:CONSTRAINT\s+\S+\s+)?PRIMARY\s+KEY\s*\((.*)\)/is.exec(item);
  if (pk) {
    if (table.primaryKey.length) throw new MysqlError(1068, '42000', 'Multiple primary key defined');
    table.primaryKey = indexColumns(pk[1]!);
    return;
  }
  if (/^(CONSTRAINT|FOREIGN\s+KEY|CHECK)\b/i.test(item)) {
    table.keys.push({ name: item, line: item });
    return;
  }
  const key = /^(UNIQUE|FULLTEXT|SPATIAL|KEY|INDEX)\b/i.test(item) ? parseKeyClause(item) : null;
  if (key) {
    if (table.keys.some((k) => k.name === key.name))
      throw new MysqlError(1061, '42000', `Duplicate key name '${key.name}'`);
    table.keys.push(key);
    return;
  }
  const col = new RegExp(`^(${IDENT})\\s+(.+)$`, 's').exec(item);
  if (!col) throw MysqlError.syntax(item);
  const name = unquoteIdent(col[1]!);
  if (table.columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new MysqlError(1060, '42S21', `Duplicate column name '${name}'`);
  }
  let definition = col[2]!;
  if (/\bPRIMARY\s+KEY\b/i.test(definition)) {
    definition = definition.replace(/\s*\bPRIMARY\s+KEY\b/i, '');
    if (table.primaryKey.length) throw new MysqlError(1068, '42000', 'Multiple primary key defined');
    table.primaryKey = [name];
  }
  table.columns.push({ name, definition });
}

export function renderCreateTable(t: TableModel): string {
  const lines = t.columns.map(
    (c) => `  ${quoteIdent(c.name)} ${normalizeColumn(c.definition, t.primaryKey.includes(c.name))}`,
  );
  if (t.primaryKey.length) lines.push(`  PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(',')})`);
  for (const k of t.keys) lines.push(`  ${k.line}`);
  let options = t.options;
  if (!/\bENGINE\s*=/i.test(options)) options = `ENGINE=InnoDB ${options}`.trim();
  if (!/\bCHARSET\s*=|\bCHARACTER\s+SET\b/i.test(options)) options = `${options} DEFAULT CHARSET=utf8`;
  return `CREATE TABLE ${quoteIdent(t.name)} (\n${lines.join(',\n')}\n) ${options}`;
}
