// A tiny statement classifier standing in for Vitess' sqlparser: enough to tell DDL from other
// statements and to name the table a DDL touches. A later issue swaps this module for real MariaDB.

import { IDENT, unquoteIdent } from './split';

export type DdlAction = 'create' | 'alter' | 'drop' | 'rename' | 'truncate';

export type Classified =
  | { kind: 'ddl'; action: DdlAction; tables: string[]; ifExists: boolean; view?: boolean; sql: string }
  | { kind: 'dbddl'; sql: string }
  | { kind: 'other'; sql: string }
  | { kind: 'error'; message: string };

const NON_DDL = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'replace',
  'set',
  'show',
  'use',
  'begin',
  'start',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'explain',
  'describe',
  'desc',
  'with',
  'call',
  'load',
  'lock',
  'unlock',
  'flush',
  'analyze',
  'optimize',
  'repair',
  'kill',
  'grant',
  'revoke',
  'stream',
]);

function syntaxError(sql: string, upTo: number): Classified {
  const near = sql.slice(0, upTo).split(/\s+/).pop() ?? '';
  return { kind: 'error', message: `syntax error at position ${upTo + 1} near '${near}'` };
}

const re = (src: string) => new RegExp(src, 'is');

export function classifyStatement(sql: string): Classified {
  const first = /^\(?\s*([A-Za-z_]+)/.exec(sql);
  if (!first) return syntaxError(sql, Math.min(sql.length, 1));
  const word = first[1]!.toLowerCase();
  if (NON_DDL.has(word)) return { kind: 'other', sql };
  let m: RegExpExecArray | null;
  if (word === 'create') {
    if (re(`^CREATE\\s+(DATABASE|SCHEMA)\\b`).test(sql)) return { kind: 'dbddl', sql };
    m = re(`^CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${IDENT})`).exec(sql);
    if (m) return { kind: 'ddl', action: 'create', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
    m = re(
      `^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\w+\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW\\s+(${IDENT})`,
    ).exec(sql);
    if (m)
      return {
        kind: 'ddl',
        action: 'create',
        tables: [unquoteIdent(m[1]!)],
        ifExists: false,
        view: true,
        sql,
      };
    m = re(`^CREATE\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+${IDENT}\\s+ON\\s+(${IDENT})`).exec(
      sql,
    );
    if (m) return { kind: 'ddl', action: 'alter', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
  } else if (word === 'alter') {
    if (re(`^ALTER\\s+(DATABASE|SCHEMA)\\b`).test(sql)) return { kind: 'dbddl', sql };
    m = re(`^ALTER\\s+(?:IGNORE\\s+)?(?:TABLE|VIEW)\\s+(${IDENT})`).exec(sql);
    if (m) return { kind: 'ddl', action: 'alter', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
  } else if (word === 'drop') {
    if (re(`^DROP\\s+(DATABASE|SCHEMA)\\b`).test(sql)) return { kind: 'dbddl', sql };
    m = re(
      `^DROP\\s+(?:TEMPORARY\\s+)?(?:TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?(.+?)(?:\\s+(?:RESTRICT|CASCADE))?$`,
    ).exec(sql);
    if (m) {
      const tables = m[2]!.split(',').map((t) => unquoteIdent(t.trim()));
      return { kind: 'ddl', action: 'drop', tables, ifExists: Boolean(m[1]), sql };
    }
    m = re(`^DROP\\s+INDEX\\s+${IDENT}\\s+ON\\s+(${IDENT})`).exec(sql);
    if (m) return { kind: 'ddl', action: 'alter', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
  } else if (word === 'rename') {
    m = re(`^RENAME\\s+TABLE\\s+(${IDENT})\\s+TO\\s+(${IDENT})`).exec(sql);
    if (m) return { kind: 'ddl', action: 'rename', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
  } else if (word === 'truncate') {
    m = re(`^TRUNCATE\\s+(?:TABLE\\s+)?(${IDENT})`).exec(sql);
    if (m) return { kind: 'ddl', action: 'truncate', tables: [unquoteIdent(m[1]!)], ifExists: false, sql };
  }
  const at = /^\S+(\s+\S+)?/.exec(sql)?.[0].length ?? sql.length;
  return syntaxError(sql, at);
}

/** sqlparser.String(ddl) as era-B Vitess prints an ALTER/RENAME in the big-change message. */
export function ddlDisplay(c: Extract<Classified, { kind: 'ddl' }>): string {
  if (c.action === 'rename') {
    const to = re(`\\s+TO\\s+(${IDENT})`).exec(c.sql);
    return `rename table ${c.tables[0]} to ${to ? unquoteIdent(to[1]!) : ''}`;
  }
  return `${c.action} table ${c.tables[0]}`;
}
