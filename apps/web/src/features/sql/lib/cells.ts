import type { SqlCell, SqlColumn } from '@vtdeck/contracts';

/**
 * How a result cell reads on screen, in copies and in exports. SQL NULL and the string 'NULL' must
 * never look alike; binary arrives as base64 and reads as hex; JSON stays one line in the grid.
 */
export type CellView =
  | { kind: 'null' }
  | { kind: 'text'; text: string; numeric: boolean }
  | { kind: 'json'; text: string; pretty: string }
  /** `hex` holds at most the first `POPOVER_BYTES` bytes. */
  | { kind: 'binary'; bytes: number; hex: string; preview: string };

/** The popover shows this much of a binary value; the copy and the exports have all of it. */
export const POPOVER_BYTES = 4096;

const NUMERIC =
  /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT|DECIMAL|NUMERIC|FLOAT|DOUBLE|REAL|YEAR|BIT|INT\d+|UINT\d+|FLOAT\d+)/i;
const TEXTUAL = /(CHAR|TEXT|JSON|BLOB)/i;
/** Bytes shown in the grid before the ellipsis; the popover shows them all. */
const PREVIEW_BYTES = 8;

export function isNumericColumn(col: SqlColumn | undefined): boolean {
  return !!col && NUMERIC.test(col.type);
}

export function isJsonColumn(col: SqlColumn | undefined): boolean {
  return !!col && /^JSON$/i.test(col.type);
}

export function base64ToHex(b64: string): string {
  const bin = atob(b64);
  let hex = '';
  for (let i = 0; i < bin.length; i++) hex += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

export function base64Length(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/** `0x4a6f686e…` : the first bytes of a binary value. */
export function hexPreview(b64: string, bytes = PREVIEW_BYTES): string {
  // Decode only the head: a 16 MB BLOB must not be turned into hex to show 8 bytes.
  const headChars = Math.ceil((bytes + 1) / 3) * 4;
  const hex = base64ToHex(b64.slice(0, headChars)).slice(0, bytes * 2);
  return `0x${hex}${base64Length(b64) > bytes ? '…' : ''}`;
}

/**
 * JSON columns say so; MariaDB's JSON is a LONGTEXT, so a text value shaped like an object or
 * array that parses counts too.
 */
function asJson(value: string, col: SqlColumn | undefined): string | undefined {
  const head = value.trimStart()[0];
  const looksLike = head === '{' || head === '[';
  if (!isJsonColumn(col) && !(looksLike && (!col || TEXTUAL.test(col.type)))) return undefined;
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return undefined;
  }
}

export function cellView(cell: SqlCell | undefined, col?: SqlColumn): CellView {
  if (cell === null || cell === undefined) return { kind: 'null' };
  if (typeof cell === 'object') {
    const b64 = cell.base64;
    const hex = base64ToHex(b64.slice(0, Math.ceil(POPOVER_BYTES / 3) * 4)).slice(0, POPOVER_BYTES * 2);
    return { kind: 'binary', bytes: base64Length(b64), hex, preview: hexPreview(b64) };
  }
  const pretty = asJson(cell, col);
  if (pretty !== undefined) return { kind: 'json', text: cell, pretty };
  return { kind: 'text', text: cell, numeric: isNumericColumn(col) };
}

/** The cell as plain text, for copies and CSV: NULL becomes `null` for the caller to spell. */
export function cellText(cell: SqlCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object') return `0x${base64ToHex(cell.base64)}`;
  return cell;
}

/** The grid's short rendering: the hex preview for binary, the value itself otherwise. */
export function cellLabel(cell: SqlCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object') return hexPreview(cell.base64);
  return cell;
}
