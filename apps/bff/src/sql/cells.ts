// Result columns and cells as the browser gets them. Rows are read with `typeCast: false`, so every
// value arrives as the server's own text (or bytes) and nothing is parsed into a JS number or Date:
// a BIGINT or a DECIMAL keeps every digit, a DATETIME keeps its zone-less spelling.
import type { SqlCell, SqlColumn } from '@vtdeck/contracts';

/** The column metadata mysql2 hands to the `fields` event. */
export interface WireField {
  name: string;
  table?: string;
  orgTable?: string;
  columnType: number;
  characterSet: number;
  flags: number;
  encoding?: string;
  extendedTypeName?: string;
}

const BINARY_CHARSET = 63;
const NOT_NULL = 1;
const UNSIGNED = 32;
const ENUM = 256;
const SET = 2048;

// Wire type codes of the MySQL protocol (include/field_types.h).
const NAMES: Record<number, string> = {
  0: 'DECIMAL',
  1: 'TINYINT',
  2: 'SMALLINT',
  3: 'INT',
  4: 'FLOAT',
  5: 'DOUBLE',
  6: 'NULL',
  7: 'TIMESTAMP',
  8: 'BIGINT',
  9: 'MEDIUMINT',
  10: 'DATE',
  11: 'TIME',
  12: 'DATETIME',
  13: 'YEAR',
  14: 'DATE',
  16: 'BIT',
  245: 'JSON',
  246: 'DECIMAL',
  255: 'GEOMETRY',
};
// YEAR carries the unsigned flag on the wire too, but has no signed form: not listed.
const NUMERIC = new Set([0, 1, 2, 3, 4, 5, 8, 9, 246]);
const BLOBS = new Set([249, 250, 251, 252]);
const STRINGS = new Set([15, 253, 254]);

export function typeName(f: WireField): string {
  const binary = f.characterSet === BINARY_CHARSET;
  // MariaDB marks its JSON (a LONGTEXT) in the extended metadata; MySQL sends type 245.
  if (f.extendedTypeName?.toLowerCase() === 'json') return 'JSON';
  let name = NAMES[f.columnType];
  if (name === undefined) {
    if (f.flags & ENUM) name = 'ENUM';
    else if (f.flags & SET) name = 'SET';
    else if (BLOBS.has(f.columnType)) name = binary ? 'BLOB' : 'TEXT';
    else if (f.columnType === 254) name = binary ? 'BINARY' : 'CHAR';
    else if (STRINGS.has(f.columnType)) name = binary ? 'VARBINARY' : 'VARCHAR';
    else name = `TYPE_${f.columnType}`;
  }
  return NUMERIC.has(f.columnType) && f.flags & UNSIGNED ? `${name} UNSIGNED` : name;
}

export type CellDecoder = (value: Buffer | null) => SqlCell;

const asBase64: CellDecoder = (v) => (v === null ? null : { base64: v.toString('base64') });
const asUtf8: CellDecoder = (v) => (v === null ? null : v.toString('utf8'));
const asLatin1: CellDecoder = (v) => (v === null ? null : v.toString('latin1'));
// BIT(n) arrives as n bits packed big-endian: show the number they make.
const asBits: CellDecoder = (v) => {
  if (v === null) return null;
  let n = 0n;
  for (const byte of v) n = (n << 8n) | BigInt(byte);
  return n.toString();
};

/** Whether the column holds bytes rather than text (numbers and dates also carry charset 63). */
export function isBinary(f: WireField): boolean {
  if (f.characterSet !== BINARY_CHARSET || f.extendedTypeName?.toLowerCase() === 'json') return false;
  return BLOBS.has(f.columnType) || STRINGS.has(f.columnType) || f.columnType === 255;
}

export function decoderFor(f: WireField): CellDecoder {
  if (f.columnType === 16) return asBits;
  if (isBinary(f)) return asBase64;
  // JSON from MySQL is sent with the binary charset but is UTF-8 text.
  if (f.columnType === 245) return asUtf8;
  return f.encoding === 'latin1' ? asLatin1 : asUtf8;
}

export function toColumn(f: WireField): SqlColumn {
  const column: SqlColumn = { name: f.name, type: typeName(f), nullable: (f.flags & NOT_NULL) === 0 };
  const table = f.table || f.orgTable;
  if (table) column.table = table;
  if (isBinary(f)) column.binary = true;
  return column;
}
