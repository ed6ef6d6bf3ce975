// The one place node-sql-parser is called. Only the MySQL and MariaDB grammars are loaded (the full
// package carries a dozen dialects). What the parser does not understand comes back as `error`: the
// guard then asks for a dba instead of guessing what the statement does.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The AST as node-sql-parser builds it: plain JSON-like objects, `type` on every statement. */
export type AstNode = { type?: string; [key: string]: unknown };

interface ParserApi {
  astify(sql: string, opt: { database: string }): AstNode | AstNode[];
  tableList(sql: string, opt: { database: string }): string[];
}

type ParserModule = { Parser: new () => ParserApi };

let grammars: { parser: ParserApi; database: string }[] | undefined;

function load(): { parser: ParserApi; database: string }[] {
  grammars ??= [
    { parser: new (require('node-sql-parser/build/mysql') as ParserModule).Parser(), database: 'MySQL' },
    { parser: new (require('node-sql-parser/build/mariadb') as ParserModule).Parser(), database: 'MariaDB' },
  ];
  return grammars;
}

export interface TableRef {
  /** select, insert, update, delete, create, alter, drop, truncate, rename, lock, ... */
  action: string;
  /** As written (may carry a `@tablet_type` or `:shard` target); null when unqualified. */
  db: string | null;
  table: string | null;
}

export type ParseOutcome = { ok: true; ast: AstNode; tables: TableRef[] } | { ok: false; message: string };

/** Parses one statement (no delimiter). Tries MySQL 8 first (vtgate's grammar), then MariaDB. */
export function parseStatement(sql: string): ParseOutcome {
  let firstError = '';
  for (const { parser, database } of load()) {
    try {
      const parsed = parser.astify(sql, { database });
      const list = Array.isArray(parsed) ? parsed : [parsed];
      if (list.length !== 1 || !list[0]) return { ok: false, message: 'not exactly one statement' };
      let tables: TableRef[] = [];
      try {
        tables = parser.tableList(sql, { database }).map(toRef);
      } catch {
        // The AST walk in the guard still finds every qualified name.
      }
      return { ok: true, ast: list[0], tables };
    } catch (err) {
      firstError ||= (err as Error).message;
    }
  }
  return { ok: false, message: shorten(firstError) };
}

function toRef(entry: string): TableRef {
  const [action = '', db = 'null', table = 'null'] = entry.split('::');
  return {
    action: action.toLowerCase(),
    db: db === 'null' ? null : db,
    table: table === 'null' ? null : table,
  };
}

/** The parser lists every token it expected; the first line is what a person can use. */
function shorten(message: string): string {
  const cut = message.replace(/^Expected .* but (.*) found\.$/s, 'unexpected $1');
  return cut.length > 200 ? `${cut.slice(0, 200)}…` : cut;
}
