// ExecuteFetchAsDba as a vttablet answers it: query.Field metadata with Vitess type codes and rows
// as raw text, plus the exact `-json` rendering vtctl prints (numbers bare, everything else quoted).

import type { FieldPacket, Pool, ResultSetHeader } from 'mysql2/promise';

export interface VtField {
  name: string;
  type: number;
  table?: string;
  org_table?: string;
  database?: string;
  org_name?: string;
  column_length?: number;
  charset?: number;
  decimals?: number;
  flags?: number;
}

export interface FetchResult {
  /** null for statements without a result set (DML, DDL), as vttablet leaves them unset. */
  fields: VtField[] | null;
  rows_affected: number;
  insert_id: number;
  /** Raw text-protocol values; binary columns are decoded as UTF-8 with U+FFFD, as Go's JSON does. */
  rows: (string | null)[][];
}

// vitess.io/vitess/go/vt/proto/query Type values.
const T = {
  NULL: 0,
  INT8: 257,
  UINT8: 770,
  INT16: 259,
  UINT16: 772,
  INT24: 261,
  UINT24: 774,
  INT32: 263,
  UINT32: 776,
  INT64: 265,
  UINT64: 778,
  FLOAT32: 1035,
  FLOAT64: 1036,
  TIMESTAMP: 2061,
  DATE: 2062,
  TIME: 2063,
  DATETIME: 2064,
  YEAR: 785,
  DECIMAL: 18,
  TEXT: 6163,
  BLOB: 10260,
  VARCHAR: 6165,
  VARBINARY: 10262,
  CHAR: 6166,
  BINARY: 10271,
  BIT: 2073,
  ENUM: 2074,
  SET: 2075,
  GEOMETRY: 2077,
  JSON: 2078,
} as const;

const UNSIGNED_FLAG = 32;
const ENUM_FLAG = 256;
const SET_FLAG = 2048;
const BINARY_CHARSET = 63;

/** Vitess's type for a MySQL column, from its protocol type, flags and charset. */
export function vitessType(field: FieldPacket): number {
  const flags = typeof field.flags === 'number' ? field.flags : 0;
  const unsigned = (flags & UNSIGNED_FLAG) !== 0;
  const binary = field.characterSet === BINARY_CHARSET;
  if (field.extendedFormat === 'json') return T.JSON;
  switch (field.columnType ?? field.type) {
    case 1:
      return unsigned ? T.UINT8 : T.INT8;
    case 2:
      return unsigned ? T.UINT16 : T.INT16;
    case 9:
      return unsigned ? T.UINT24 : T.INT24;
    case 3:
      return unsigned ? T.UINT32 : T.INT32;
    case 8:
      return unsigned ? T.UINT64 : T.INT64;
    case 4:
      return T.FLOAT32;
    case 5:
      return T.FLOAT64;
    case 0:
    case 246:
      return T.DECIMAL;
    case 6:
      return T.NULL;
    case 7:
      return T.TIMESTAMP;
    case 10:
    case 14:
      return T.DATE;
    case 11:
      return T.TIME;
    case 12:
      return T.DATETIME;
    case 13:
      return T.YEAR;
    case 16:
      return T.BIT;
    case 245:
      return T.JSON;
    case 247:
      return T.ENUM;
    case 248:
      return T.SET;
    case 255:
      return T.GEOMETRY;
    case 249:
    case 250:
    case 251:
    case 252:
      return binary ? T.BLOB : T.TEXT;
    case 254:
      if (flags & ENUM_FLAG) return T.ENUM;
      if (flags & SET_FLAG) return T.SET;
      return binary ? T.BINARY : T.CHAR;
    default:
      return binary ? T.VARBINARY : T.VARCHAR;
  }
}

// sqltypes.Value.MarshalJSON: integral, float, decimal and year values are written bare.
const BARE = new Set<number>([
  T.INT8,
  T.UINT8,
  T.INT16,
  T.UINT16,
  T.INT24,
  T.UINT24,
  T.INT32,
  T.UINT32,
  T.INT64,
  T.UINT64,
  T.FLOAT32,
  T.FLOAT64,
  T.DECIMAL,
  T.YEAR,
]);

function toVtField(f: FieldPacket): VtField {
  const field: VtField = { name: f.name, type: vitessType(f) };
  const optional: [keyof VtField, string | number | undefined][] = [
    ['table', f.table],
    ['org_table', f.orgTable],
    ['database', f.db ?? f.schema],
    ['org_name', f.orgName],
    ['column_length', f.columnLength ?? f.length],
    ['charset', f.characterSet ?? f.charsetNr],
    ['decimals', f.decimals],
    ['flags', typeof f.flags === 'number' ? f.flags : undefined],
  ];
  // omitempty: zero values are left out, as Go's encoding/json does for the generated struct tags.
  for (const [key, value] of optional) if (value) Object.assign(field, { [key]: value });
  return field;
}

export class RowCountExceededError extends Error {
  constructor(maxRows: number) {
    super(`Row count exceeded ${maxRows}`);
    this.name = 'RowCountExceededError';
  }
}

/** Runs one statement on a pool bound to the keyspace database and answers like vttablet does. */
export async function executeFetch(pool: Pool, sql: string, maxRows: number): Promise<FetchResult> {
  const [result, fields] = await pool.query({
    sql,
    rowsAsArray: true,
    // Raw bytes for every column: the text protocol value is what vttablet forwards.
    typeCast: (field) => field.buffer(),
  });
  if (!Array.isArray(result)) {
    const header = result as ResultSetHeader;
    return { fields: null, rows_affected: header.affectedRows, insert_id: header.insertId, rows: [] };
  }
  const rows = result as unknown as (Buffer | null)[][];
  if (rows.length > maxRows) throw new RowCountExceededError(maxRows);
  return {
    fields: (fields ?? []).map(toVtField),
    rows_affected: 0,
    insert_id: 0,
    rows: rows.map((row) => row.map((cell) => (cell === null ? null : cell.toString('utf8')))),
  };
}

/** Go's encoding/json string escaping, which also escapes <, >, & and the JS line separators. */
function goString(value: string): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function goArray(items: string[], indent: string): string {
  if (items.length === 0) return '[]';
  const inner = `${indent}  `;
  return `[\n${items.map((item) => inner + item).join(',\n')}\n${indent}]`;
}

/** `vtctl ExecuteFetchAsDba -json` output: json.MarshalIndent(result, "", "  "). */
export function formatFetchJson(result: FetchResult): string {
  const types = (result.fields ?? []).map((f) => f.type);
  const fields = result.fields
    ? goArray(
        result.fields.map((f) => {
          const lines = Object.entries(f).map(
            ([k, v]) => `      ${goString(k)}: ${typeof v === 'number' ? v : goString(String(v))}`,
          );
          return `{\n${lines.join(',\n')}\n    }`;
        }),
        '  ',
      )
    : 'null';
  const rows = goArray(
    result.rows.map((row) =>
      goArray(
        row.map((cell, i) => {
          if (cell === null) return 'null';
          return BARE.has(types[i] ?? T.VARCHAR) ? cell : goString(cell);
        }),
        '    ',
      ),
    ),
    '  ',
  );
  return `{\n  "fields": ${fields},\n  "rows_affected": ${result.rows_affected},\n  "insert_id": ${result.insert_id},\n  "rows": ${rows}\n}`;
}
