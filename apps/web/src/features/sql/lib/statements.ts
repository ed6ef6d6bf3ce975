/**
 * Where the statements of a script are, for "run the statement under the cursor" and for error
 * positions. A lexer, not a parser: it knows MySQL quoting and comments, so a `;` inside a string,
 * an identifier or a comment does not end a statement.
 */
export interface StatementRange {
  /** First character of the statement (after leading blanks and comments). */
  from: number;
  /** Just past its last character, before the `;`. */
  to: number;
  text: string;
}

interface Segment {
  /** Where the segment starts: just after the previous `;`. */
  start: number;
  /** Just past its `;` (or the end of the text). */
  end: number;
  statement: StatementRange | null;
}

/** Length of the quoted run starting at `i` (a `'`, `"` or backtick), backslash escapes and doubled quotes included. */
function quotedLength(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\' && q !== '`') j += 2;
    else if (c === q && text[j + 1] === q) j += 2;
    else if (c === q) return j + 1 - i;
    else j += 1;
  }
  return text.length - i;
}

/** Length of the comment starting at `i`, or 0 when there is none. `--` needs a blank after it in MySQL. */
function commentLength(text: string, i: number): number {
  const c = text[i];
  const next = text[i + 1];
  if (c === '#' || (c === '-' && next === '-' && (i + 2 >= text.length || /\s/.test(text[i + 2] ?? '')))) {
    const nl = text.indexOf('\n', i);
    return (nl === -1 ? text.length : nl) - i;
  }
  if (c === '/' && next === '*') {
    const close = text.indexOf('*/', i + 2);
    return (close === -1 ? text.length : close + 2) - i;
  }
  return 0;
}

function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let first = -1;
  let last = -1;
  const close = (end: number) => {
    const statement = first === -1 ? null : { from: first, to: last, text: text.slice(first, last) };
    out.push({ start, end, statement });
    start = end;
    first = -1;
    last = -1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const comment = commentLength(text, i);
    if (comment > 0) {
      i += comment;
      continue;
    }
    if (c === ';') {
      close(i + 1);
      i += 1;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const len = c === "'" || c === '"' || c === '`' ? quotedLength(text, i) : 1;
    if (first === -1) first = i;
    i += len;
    last = i;
  }
  if (start < text.length || out.length === 0) close(text.length);
  return out;
}

/** Every non-empty statement of the script, in order. */
export function splitStatements(text: string): StatementRange[] {
  return segments(text)
    .map((s) => s.statement)
    .filter((s): s is StatementRange => s !== null);
}

/**
 * The statement the cursor is in. A cursor just after a `;`, or on the blank lines after it, still
 * means the statement before (the one the user just typed); in front of the first one, the first.
 */
export function statementAt(text: string, pos: number): StatementRange | undefined {
  const all = splitStatements(text);
  const inside = all.find((s) => s.from <= pos && pos <= s.to);
  if (inside) return inside;
  return all.filter((s) => s.to < pos).pop() ?? all[0];
}

/** Line and column (both from 1) of an offset, for messages like "line 3, column 7". */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

export interface RunScope {
  /** Editor offset of the first character of `sql`. */
  base: number;
  sql: string;
}

/** What Ctrl+Enter runs: the selection when there is one, else the statement under the cursor; or everything. */
export function runScope(
  text: string,
  sel: { from: number; to: number; head: number },
  all = false,
): RunScope | undefined {
  if (all) return text.trim() ? { base: 0, sql: text } : undefined;
  if (sel.from !== sel.to) {
    const sql = text.slice(sel.from, sel.to);
    return sql.trim() ? { base: sel.from, sql } : undefined;
  }
  const stmt = statementAt(text, sel.head);
  return stmt ? { base: stmt.from, sql: stmt.text } : undefined;
}
