import { describe, expect, it } from 'vitest';
import { splitStatements } from '../src/sql/splitter';

const sqls = (script: string) => splitStatements(script).statements.map((s) => s.sql);

describe('splitStatements', () => {
  it('splits on semicolons and keeps each statement offset', () => {
    const script = 'select 1;\n  select 2 ;select 3';
    const { statements, error } = splitStatements(script);
    expect(error).toBeUndefined();
    expect(statements.map((s) => s.sql)).toEqual(['select 1', 'select 2', 'select 3']);
    for (const s of statements) expect(script.slice(s.offset, s.offset + s.sql.length)).toBe(s.sql);
    expect(statements.map((s) => s.offset)).toEqual([0, 12, 22]);
  });

  it('does not split inside quotes, backticks and escaped quotes', () => {
    expect(sqls(`select 'a;b', "c;d", \`e;f\`; select 'it''s; ok', 'back\\'slash;'; select 2`)).toEqual([
      `select 'a;b', "c;d", \`e;f\``,
      `select 'it''s; ok', 'back\\'slash;'`,
      'select 2',
    ]);
  });

  it('skips --, # and /* */ comments, also between statements, and drops comment-only parts', () => {
    const script =
      '-- first; not a statement\nselect 1; # trailing; comment\n/* block; */ select 2 /* ; */;\n-- only a comment';
    expect(sqls(script)).toEqual(['select 1', 'select 2']);
  });

  it('treats --x (no space) as minus minus, as MySQL does', () => {
    expect(sqls('select 1 --1; select 2')).toEqual(['select 1 --1', 'select 2']);
  });

  it('follows DELIMITER lines and keeps semicolons inside a routine body', () => {
    const script = [
      'DELIMITER $$',
      'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$',
      'DELIMITER ;',
      'CALL p();',
      'delimiter //',
      'select 3//',
    ].join('\n');
    expect(sqls(script)).toEqual([
      'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END',
      'CALL p()',
      'select 3',
    ]);
  });

  it('reports an unterminated string, backtick or comment with its offset, keeping what came before', () => {
    expect(splitStatements("select 1; select 'abc")).toEqual({
      statements: [expect.objectContaining({ sql: 'select 1' })],
      error: { message: "unterminated string (opened with ')", offset: 17 },
    });
    expect(splitStatements('select `x').error?.message).toMatch(/backtick/);
    expect(splitStatements('select 1 /* open').error).toEqual({
      message: 'unterminated /* comment',
      offset: 9,
    });
  });

  it('marks executable comments as code and tracks parenthesis depth', () => {
    const [s] = splitStatements('select (select 1 limit 1) /*!50000 x */').statements;
    expect(s?.tokens.some((t) => t.kind === 'executable-comment')).toBe(true);
    const limit = s?.tokens.find((t) => s.sql.slice(t.start, t.end) === 'limit');
    expect(limit?.depth).toBe(1);
  });

  it('answers no statement for empty or comment-only scripts', () => {
    expect(splitStatements('  ;; -- nothing\n').statements).toEqual([]);
  });
});
