import { describe, expect, it } from 'vitest';
import { errorRange } from '../src/features/sql/lib/errorPosition';
import { lineColumn, runScope, splitStatements, statementAt } from '../src/features/sql/lib/statements';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  it('splits on semicolons and trims blanks', () => {
    expect(texts('select 1;  select 2 ;\n\nselect 3')).toEqual(['select 1', 'select 2', 'select 3']);
  });

  it('ignores semicolons in strings, identifiers and comments', () => {
    const sql = [
      'select \';\' as a, "x;y", `we;ird` from t; -- trailing; comment',
      '# hash; comment',
      "select 'it''s; fine', 'back\\'slash;' /* block; comment */ from u;",
    ].join('\n');
    expect(texts(sql)).toEqual([
      'select \';\' as a, "x;y", `we;ird` from t',
      "select 'it''s; fine', 'back\\'slash;' /* block; comment */ from u",
    ]);
  });

  it('knows that -- needs a blank after it in MySQL', () => {
    expect(texts('select 1--1; select 2')).toEqual(['select 1--1', 'select 2']);
  });

  it('gives offsets into the text', () => {
    const sql = 'select 1;\n  select 2;';
    const [, second] = splitStatements(sql);
    expect(second).toEqual({ from: 12, to: 20, text: 'select 2' });
    expect(sql.slice(second?.from, second?.to)).toBe('select 2');
  });

  it('skips empty statements and leading comments', () => {
    expect(texts(';;\n-- only a comment\n;select 1;')).toEqual(['select 1']);
  });
});

describe('statementAt', () => {
  const sql = 'select 1;\nselect 2;\n\n\nselect 3';
  const at = (pos: number) => statementAt(sql, pos)?.text;

  it('finds the statement the cursor is in', () => {
    expect(at(0)).toBe('select 1');
    expect(at(13)).toBe('select 2');
    expect(at(sql.length)).toBe('select 3');
  });

  it('treats a cursor just after the semicolon or on the blank lines after as the statement before', () => {
    expect(at(9)).toBe('select 1');
    expect(at(19)).toBe('select 2');
    expect(at(21)).toBe('select 2');
  });

  it('takes the first statement when the cursor is before it, and nothing in an empty text', () => {
    expect(statementAt('\n\n  select 9', 0)?.text).toBe('select 9');
    expect(statementAt('  \n', 1)).toBeUndefined();
  });
});

describe('runScope', () => {
  const sql = 'select 1;\nselect 2;';
  it('runs the selection when there is one', () => {
    expect(runScope(sql, { from: 10, to: 18, head: 18 })).toEqual({ base: 10, sql: 'select 2' });
  });
  it('runs the statement under the cursor otherwise', () => {
    expect(runScope(sql, { from: 3, to: 3, head: 3 })).toEqual({ base: 0, sql: 'select 1' });
  });
  it('runs everything for Shift+Ctrl+Enter', () => {
    expect(runScope(sql, { from: 3, to: 3, head: 3 }, true)).toEqual({ base: 0, sql });
  });
  it('runs nothing for blanks', () => {
    expect(runScope('   ', { from: 1, to: 1, head: 1 })).toBeUndefined();
    expect(runScope('a   b', { from: 1, to: 3, head: 3 })).toBeUndefined();
  });
});

describe('error positions', () => {
  it('map the offset in the sent text back into the editor, past an EXPLAIN prefix', () => {
    const editor = 'select 1;\nselect * from nope where x = 1;';
    const base = editor.indexOf('select *');
    const sent = `EXPLAIN ${editor.slice(base, editor.length - 1)}`;
    const offset = sent.indexOf('nope');
    const range = errorRange({ base, prefix: 8, sql: sent }, { statement: 0, offset });
    expect(editor.slice(range?.from, range?.to)).toBe('nope');
    expect(lineColumn(editor, range?.from ?? 0)).toEqual({ line: 2, column: 15 });
  });

  it('mark a whole quoted token', () => {
    const sql = "select 'unterminated from t";
    const range = errorRange({ base: 0, prefix: 0, sql }, { statement: 0, offset: 7 });
    expect(range).toEqual({ from: 7, to: sql.length });
  });

  it('fall back to the failing statement when the server has no offset', () => {
    const sql = 'select 1; select boom';
    const range = errorRange({ base: 100, prefix: 0, sql }, { statement: 1 });
    expect(range).toEqual({ from: 110, to: 121 });
  });
});
