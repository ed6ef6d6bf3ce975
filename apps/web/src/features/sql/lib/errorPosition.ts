import { splitStatements } from './statements';

/** Where the sent text sits in the editor (see `RunOrigin`). */
export interface Origin {
  base: number;
  prefix: number;
  sql: string;
}

export interface ErrorLocation {
  statement: number;
  offset?: number;
}

/** The token at `i`: a quoted run whole, else up to the next blank or punctuation; at least one character. */
function tokenEnd(text: string, i: number): number {
  const q = text[i];
  if (q === "'" || q === '"' || q === '`') {
    const close = text.indexOf(q, i + 1);
    return close === -1 ? text.length : close + 1;
  }
  let j = i;
  while (j < text.length && !/[\s,;()=<>]/.test(text[j] as string)) j++;
  return Math.max(j, i + 1);
}

/**
 * The editor range to mark for an error: the token at the error's offset when the server knows it,
 * else the whole failing statement. Offsets are in the sent text; the editor has no `EXPLAIN ` prefix.
 */
export function errorRange(origin: Origin, error: ErrorLocation): { from: number; to: number } | undefined {
  const toEditor = (i: number) => origin.base + Math.max(0, i - origin.prefix);
  if (error.offset !== undefined && error.offset >= origin.prefix && error.offset <= origin.sql.length) {
    const at = Math.min(error.offset, Math.max(0, origin.sql.length - 1));
    return { from: toEditor(at), to: toEditor(Math.min(origin.sql.length, tokenEnd(origin.sql, at))) };
  }
  const stmt = splitStatements(origin.sql)[error.statement];
  if (!stmt) return undefined;
  return { from: toEditor(Math.max(stmt.from, origin.prefix)), to: toEditor(stmt.to) };
}
