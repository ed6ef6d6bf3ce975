// Splits a SQL script into statements the way the mysql command-line client does: a delimiter ends a
// statement only outside quotes, backticks and comments, and a `DELIMITER xx` line changes it. Each
// statement keeps its offset in the script so errors can point into the editor. The tokens kept per
// statement let the guard look at its top level (is there a LIMIT?) without a regular expression.

export type TokenKind = 'word' | 'string' | 'ident' | 'punct' | 'executable-comment';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Parenthesis depth at the token (0 = the statement's top level). */
  depth: number;
}

export interface SplitStatement {
  /** The statement without its delimiter and without comments before or after it. */
  sql: string;
  /** Offset of `sql` in the script. */
  offset: number;
  tokens: Token[];
}

export interface SplitResult {
  statements: SplitStatement[];
  /** An unterminated quote or comment, with where it starts; the statements before it are kept. */
  error?: { message: string; offset: number };
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
const SPACE = /\s/;

export function splitStatements(script: string): SplitResult {
  const statements: SplitStatement[] = [];
  let delimiter = ';';
  let tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = script.length;

  const finish = () => {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (first && last) {
      const shifted = tokens.map((t) => ({ ...t, start: t.start - first.start, end: t.end - first.start }));
      statements.push({ sql: script.slice(first.start, last.end), offset: first.start, tokens: shifted });
    }
    tokens = [];
    depth = 0;
  };
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, start, end, depth });
  };

  while (i < n) {
    const c = script[i] as string;
    const next = script[i + 1];

    // A DELIMITER command is only recognised where a statement starts, and runs to the end of its line.
    if (tokens.length === 0 && atLineStart(script, i) && /^delimiter[ \t]/i.test(script.slice(i, i + 10))) {
      const lineEnd = endOfLine(script, i);
      const value =
        script
          .slice(i + 10, lineEnd)
          .trim()
          .split(/\s+/)[0] ?? '';
      if (value === '') return { statements, error: { message: 'DELIMITER needs a value', offset: i } };
      delimiter = value;
      i = lineEnd;
      continue;
    }
    if (script.startsWith(delimiter, i)) {
      finish();
      i += delimiter.length;
      continue;
    }
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '#' || (c === '-' && next === '-' && (i + 2 >= n || /[\s]/.test(script[i + 2] as string)))) {
      i = endOfLine(script, i);
      continue;
    }
    if (c === '/' && next === '*') {
      const close = script.indexOf('*/', i + 2);
      if (close < 0) return { statements, error: { message: 'unterminated /* comment', offset: i } };
      // `/*! ... */` and `/*M! ... */` are executed by the server: they are code, not comments.
      const body = script[i + 2];
      if (body === '!' || (body === 'M' && script[i + 3] === '!')) push('executable-comment', i, close + 2);
      i = close + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(script, i);
      if (end < 0) {
        const what = c === '`' ? 'backtick identifier' : 'string';
        return { statements, error: { message: `unterminated ${what} (opened with ${c})`, offset: i } };
      }
      push(c === '`' ? 'ident' : 'string', i, end);
      i = end;
      continue;
    }
    if (WORD.test(c)) {
      let j = i + 1;
      while (j < n && WORD.test(script[j] as string) && !script.startsWith(delimiter, j)) j++;
      push('word', i, j);
      i = j;
      continue;
    }
    if (c === '(') {
      push('punct', i, i + 1);
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      push('punct', i, i + 1);
      i++;
      continue;
    }
    push('punct', i, i + 1);
    i++;
  }
  finish();
  return { statements };
}

/** Index just past a quoted string or identifier starting at `start`, or -1 if it never closes. */
function closingQuote(script: string, start: number): number {
  const quote = script[start];
  let i = start + 1;
  while (i < script.length) {
    const c = script[i];
    if (c === '\\' && quote !== '`') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (script[i + 1] === quote) {
        i += 2; // a doubled quote stands for itself
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

function endOfLine(script: string, from: number): number {
  const nl = script.indexOf('\n', from);
  return nl < 0 ? script.length : nl;
}

function atLineStart(script: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = script[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** The text of a token, upper-cased for words (SQL keywords are case-insensitive). */
export function tokenText(statement: SplitStatement, token: Token): string {
  const text = statement.sql.slice(token.start, token.end);
  return token.kind === 'word' ? text.toUpperCase() : text;
}
