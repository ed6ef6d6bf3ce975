// Lexical helpers shared by the DDL classifier and the table model.

/** Splits on `sep` at nesting depth 0, outside quotes and back-quotes. */
export function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote !== '`') cur += s[++i] ?? '';
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** Index of the parenthesis closing the one at `open`, or -1. */
export function matchParen(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** An identifier, optionally back-quoted, optionally `db.`-qualified (the qualifier is dropped). */
export const IDENT = '(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+))?';

export function unquoteIdent(s: string): string {
  const last = splitTopLevel(s, '.').pop() ?? s;
  const t = last.trim();
  return t.startsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t;
}

export function quoteIdent(s: string): string {
  return `\`${s.replace(/`/g, '``')}\``;
}

/** Column list `(a, b(10), c DESC)` to names. */
export function indexColumns(list: string): string[] {
  return splitTopLevel(list, ',').map((c) =>
    unquoteIdent(c.replace(/\s*\(\d+\)\s*$/, '').replace(/\s+(ASC|DESC)$/i, '')),
  );
}
