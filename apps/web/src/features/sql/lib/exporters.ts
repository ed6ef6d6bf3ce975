import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { cellText } from './cells';

/**
 * RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge blanks, quotes doubled.
 * SQL NULL is an empty unquoted field and the empty string is `""`, so the two survive a round trip.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]/.test(value) || value.trim() !== value)
    return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** Rows in the given order (the grid's sorted, filtered view), header first, CRLF line ends. */
export function toCsv(columns: SqlColumn[], rows: readonly SqlCell[][], order?: readonly number[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  const count = order ? order.length : rows.length;
  for (let i = 0; i < count; i++) {
    const row = rows[order ? (order[i] as number) : i] ?? [];
    lines.push(columns.map((_, c) => csvField(cellText(row[c]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Object keys for the columns: a repeated name (`select a, a`) gets `_2`, `_3`... instead of overwriting. */
export function uniqueKeys(columns: SqlColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name}_${n}`;
  });
}

/** An array of objects; NULL is `null`, binary is its `0x` hex, every other value the string vtgate sent. */
export function toJson(columns: SqlColumn[], rows: readonly SqlCell[][], order?: readonly number[]): string {
  const keys = uniqueKeys(columns);
  const count = order ? order.length : rows.length;
  const out: Record<string, string | null>[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows[order ? (order[i] as number) : i] ?? [];
    const obj: Record<string, string | null> = {};
    keys.forEach((k, c) => {
      obj[k] = cellText(row[c]);
    });
    out.push(obj);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A row as one tab-separated line (pastes into a spreadsheet as cells), NULL spelled `NULL`. */
export function rowTsv(row: readonly SqlCell[]): string {
  return row.map((cell) => (cellText(cell) ?? 'NULL').replace(/[\t\r\n]+/g, ' ')).join('\t');
}

/** Client-side download: the data never goes back to the server. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; give the browser a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
