// What one statement does, read from its parse tree: its kind, every keyspace it names and whether it
// is one of the guarded statements that need a confirmation. No permissions here: see guard.ts.
import type { StatementKind } from '@vtdeck/contracts';
import { type AstNode, parseStatement, type TableRef } from './parse';
import { type SplitStatement, tokenText } from './splitter';

export type SqlPermission = 'sql.read' | 'sql.write' | 'schema.change';

export interface KeyspaceNeed {
  /** null: the keyspace the statement runs in. */
  keyspace: string | null;
  permission: SqlPermission;
}

export interface StatementFacts {
  kind: StatementKind;
  parsed: boolean;
  /** Qualified and unqualified table names, for display. */
  tables: string[];
  needs: KeyspaceNeed[];
  /** Set when only a dba may run it whatever it names: why. */
  dbaReason?: string;
  confirmReason?: string;
  /** USE, SET, transactions, locks, temporary tables: the connection must not go back to the pool. */
  changesSession: boolean;
  /** `USE ks`: the keyspace the following statements run in. */
  useKeyspace?: string;
  /** A top-level SELECT ... FROM without LIMIT, INTO or a locking clause: the default LIMIT may be added. */
  limitable: boolean;
}

const KIND_PERMISSION: Record<StatementKind, SqlPermission> = {
  read: 'sql.read',
  write: 'sql.write',
  ddl: 'schema.change',
  other: 'sql.read',
};

const READ_TYPES = new Set(['select', 'show', 'desc', 'explain']);
const WRITE_TYPES = new Set(['insert', 'replace', 'update', 'delete', 'load_data', 'lock', 'unlock']);
const DDL_TYPES = new Set(['create', 'alter', 'drop', 'truncate', 'rename']);
// Statements a developer may run: they only change the session.
const SESSION_TYPES = new Set(['use', 'set', 'transaction']);
const READ_ACTIONS = new Set(['select', 'show', 'use']);
// Databases that are no keyspace. information_schema answers only about what the account may see.
const SYSTEM_SCHEMAS = new Set(['mysql', 'sys', 'performance_schema']);

/** `ks@replica`, `ks:-80@primary` → `ks`. */
export function keyspaceOf(db: string): string {
  return db.replace(/[:@].*$/, '');
}

export function classify(statement: SplitStatement): StatementFacts {
  const executable = statement.tokens.some((t) => t.kind === 'executable-comment');
  if (executable) {
    return unparsed('it holds a /*! ... */ comment, which the server executes as code');
  }
  const outcome = parseStatement(statement.sql);
  if (!outcome.ok) return unparsed(`the SQL parser cannot read it (${outcome.message})`);
  const { ast, tables } = outcome;
  const type = ast.type ?? '';

  let kind: StatementKind = 'other';
  let dbaReason: string | undefined;
  if (READ_TYPES.has(type)) kind = 'read';
  else if (WRITE_TYPES.has(type)) kind = 'write';
  else if (DDL_TYPES.has(type)) kind = 'ddl';
  else if (!SESSION_TYPES.has(type))
    dbaReason = `vtdeck cannot tell what a ${type.toUpperCase()} statement touches`;
  if (type === 'set' && isGlobalSet(ast)) dbaReason = 'SET GLOBAL changes the server for every session';
  const into = (ast.into as { keyword?: string } | undefined)?.keyword;
  if (type === 'select' && (into === 'outfile' || into === 'dumpfile')) {
    dbaReason = 'SELECT ... INTO OUTFILE writes a file on the server';
  }
  // EXPLAIN ANALYZE and friends run what they explain: the inner statement's tables decide.
  if (tables.some((t) => !READ_ACTIONS.has(t.action)) && kind === 'read') kind = 'write';

  const needs: KeyspaceNeed[] = [{ keyspace: null, permission: KIND_PERMISSION[kind] }];
  if (dbaReason) needs.push({ keyspace: null, permission: 'schema.change' });
  const listed = new Set(tables.map((t) => `${t.db}.${t.table}`));
  const refs = [...tables, ...qualifiedNames(ast).filter((r) => !listed.has(`${r.db}.${r.table}`))];
  for (const ref of refs) {
    if (ref.db === null) continue;
    const keyspace = keyspaceOf(ref.db);
    if (keyspace.toLowerCase() === 'information_schema') continue;
    if (SYSTEM_SCHEMAS.has(keyspace.toLowerCase())) {
      dbaReason ??= `it reads the system schema ${keyspace}`;
      needs.push({ keyspace: null, permission: 'schema.change' });
      continue;
    }
    const permission = READ_ACTIONS.has(ref.action) ? 'sql.read' : KIND_PERMISSION[kind];
    needs.push({ keyspace, permission });
  }

  const display = new Set<string>();
  for (const t of refs) if (t.table) display.add(t.db ? `${t.db}.${t.table}` : t.table);

  return {
    kind,
    parsed: true,
    tables: [...display],
    needs: dedupe(needs),
    ...(dbaReason ? { dbaReason } : {}),
    ...confirmation(ast, type),
    changesSession:
      SESSION_TYPES.has(type) ||
      type === 'lock' ||
      type === 'unlock' ||
      Boolean(ast.temporary) ||
      !!dbaReason,
    ...(type === 'use' && typeof ast.db === 'string' ? { useKeyspace: keyspaceOf(ast.db) } : {}),
    limitable: type === 'select' && hasFrom(ast) && !into && topLevelAllowsLimit(statement),
  };
}

function unparsed(reason: string): StatementFacts {
  return {
    kind: 'other',
    parsed: false,
    tables: [],
    needs: [{ keyspace: null, permission: 'schema.change' }],
    dbaReason: `${reason}; only a dba may run statements vtdeck cannot analyse`,
    changesSession: true,
    limitable: false,
  };
}

function confirmation(ast: AstNode, type: string): { confirmReason?: string } {
  const what = describeTarget(ast);
  if ((type === 'update' || type === 'delete') && !filters(ast.where)) {
    const verb = type === 'delete' ? 'deletes' : 'updates';
    const how = ast.where ? 'a WHERE that names no column' : 'no WHERE';
    return { confirmReason: `${type.toUpperCase()} with ${how} ${verb} every row of ${what}` };
  }
  if (type === 'drop')
    return { confirmReason: `DROP ${String(ast.keyword ?? '').toUpperCase()} removes ${what}` };
  if (type === 'truncate') return { confirmReason: `TRUNCATE removes every row of ${what}` };
  if (type === 'alter' && Array.isArray(ast.expr) && ast.expr.some((e) => (e as AstNode).action === 'drop')) {
    return { confirmReason: `ALTER TABLE ... DROP removes part of ${what}` };
  }
  return {};
}

/**
 * A WHERE that mentions no column (`1=1`, `TRUE`) selects every row: it is treated as no WHERE, so
 * `DELETE FROM t WHERE 1=1` asks for the same confirmation as `DELETE FROM t`.
 */
function filters(where: unknown): boolean {
  return where != null && containsNode(where, (n) => n.type === 'column_ref');
}

function describeTarget(ast: AstNode): string {
  let name: string | undefined;
  containsNode(ast, (n) => {
    if (n.type === 'column_ref' || typeof n.table !== 'string') return false;
    name = typeof n.db === 'string' && n.db ? `${n.db}.${n.table}` : n.table;
    return true;
  });
  name ??= typeof ast.name === 'string' ? ast.name : undefined;
  return name ? `\`${name}\`` : 'the target';
}

function isGlobalSet(ast: AstNode): boolean {
  const keyword = String(ast.keyword ?? '').toUpperCase();
  if (keyword === 'GLOBAL' || keyword === 'PERSIST' || keyword === 'PERSIST_ONLY') return true;
  return containsNode(
    ast.expr,
    (n) => n.type === 'var' && n.prefix === '@@' && /^global$/i.test(String(n.name)),
  );
}

function hasFrom(ast: AstNode): boolean {
  for (let part: AstNode | undefined = ast; part; part = part._next as AstNode | undefined) {
    if (Array.isArray(part.from) && part.from.length > 0) return true;
  }
  return false;
}

const NO_LIMIT_AFTER = new Set(['LIMIT', 'INTO', 'FOR', 'LOCK', 'PROCEDURE']);

function topLevelAllowsLimit(statement: SplitStatement): boolean {
  return !statement.tokens.some(
    (t) => t.depth === 0 && t.kind === 'word' && NO_LIMIT_AFTER.has(tokenText(statement, t)),
  );
}

/**
 * Every `{ db, table }` in the tree, whatever clause holds it: node-sql-parser's table list misses
 * some (CREATE TABLE ... LIKE other.t, DROP INDEX ... ON other.t), the tree does not. CREATE and DROP
 * DATABASE name their keyspace elsewhere.
 */
function qualifiedNames(ast: AstNode): TableRef[] {
  const found: TableRef[] = [];
  const action = ast.type ?? '';
  containsNode(ast, (n) => {
    if (typeof n.db === 'string' && n.db !== '') {
      found.push({ action, db: n.db, table: typeof n.table === 'string' ? n.table : null });
    }
    return false;
  });
  const keyword = String(ast.keyword ?? '').toLowerCase();
  if ((keyword === 'database' || keyword === 'schema') && (action === 'create' || action === 'drop')) {
    const name =
      action === 'drop'
        ? ast.name
        : (ast.database as { schema?: { value?: unknown }[] } | undefined)?.schema?.[0]?.value;
    if (typeof name === 'string') found.push({ action, db: name, table: null });
  }
  return found;
}

function containsNode(value: unknown, test: (n: AstNode) => boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => containsNode(v, test));
  if (value === null || typeof value !== 'object') return false;
  const node = value as AstNode;
  if (test(node)) return true;
  return Object.values(node).some((v) => containsNode(v, test));
}

function dedupe(needs: KeyspaceNeed[]): KeyspaceNeed[] {
  const seen = new Set<string>();
  return needs.filter((n) => {
    const key = `${n.keyspace ?? ''}\u0000${n.permission}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
