import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import {
  base64Length,
  base64ToHex,
  cellLabel,
  cellText,
  cellView,
  hexPreview,
  POPOVER_BYTES,
} from '../src/features/sql/lib/cells';
import { columnWidths, viewOrder } from '../src/features/sql/lib/gridView';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('cell rendering rules', () => {
  it('shows SQL NULL as NULL and the string NULL as text', () => {
    expect(cellView(null)).toEqual({ kind: 'null' });
    expect(cellView('NULL')).toEqual({ kind: 'text', text: 'NULL', numeric: false });
    expect(cellText(null)).toBeNull();
    expect(cellText('NULL')).toBe('NULL');
    expect(cellLabel(null)).toBeNull();
  });

  it('reads binary as hex, with a short preview', () => {
    expect(base64ToHex(b64('Jo'))).toBe('4a6f');
    expect(hexPreview(b64('Jo'))).toBe('0x4a6f');
    expect(hexPreview(b64('John Doe!'))).toBe('0x4a6f686e20446f65…');
    expect(hexPreview('')).toBe('0x');
    expect(cellText({ base64: b64('Jo') })).toBe('0x4a6f');
    expect(cellView({ base64: b64('John Doe!') })).toEqual({
      kind: 'binary',
      bytes: 9,
      hex: '4a6f686e20446f6521',
      preview: '0x4a6f686e20446f65…',
    });
  });

  it('counts bytes from base64 padding', () => {
    expect([base64Length(''), base64Length('AA=='), base64Length('AAA='), base64Length('AAAA')]).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('caps the hex of a large value shown in the popover', () => {
    const big = Buffer.alloc(10_000, 0xab).toString('base64');
    const v = cellView({ base64: big });
    expect(v.kind === 'binary' && v.hex.length).toBe(POPOVER_BYTES * 2);
    expect(v.kind === 'binary' && v.bytes).toBe(10_000);
  });

  it('pretty-prints JSON columns, and JSON-shaped text (MariaDB JSON is LONGTEXT)', () => {
    const json: SqlColumn = { name: 'doc', type: 'JSON' };
    expect(cellView('{"a":[1,2]}', json)).toEqual({
      kind: 'json',
      text: '{"a":[1,2]}',
      pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}',
    });
    expect(cellView('[1]', { name: 'x', type: 'LONGTEXT' }).kind).toBe('json');
    expect(cellView('{not json', { name: 'x', type: 'TEXT' }).kind).toBe('text');
    // A number column holding "[1]" cannot happen; a VARCHAR that happens to parse is not forced either.
    expect(cellView('123', json).kind).toBe('json');
    expect(cellView('123', { name: 'n', type: 'BIGINT' })).toEqual({
      kind: 'text',
      text: '123',
      numeric: true,
    });
  });
});

describe('grid view', () => {
  const columns: SqlColumn[] = [
    { name: 'id', type: 'BIGINT' },
    { name: 'name', type: 'VARCHAR' },
  ];
  const rows: SqlCell[][] = [
    ['10', 'b'],
    ['9', null],
    ['100', 'NULL'],
    ['9', 'a'],
  ];

  it('is the rows as received when nothing is asked', () => {
    expect(viewOrder(columns, rows, {})).toBeUndefined();
  });

  it('sorts numbers as numbers, NULL first, ties in received order', () => {
    expect(viewOrder(columns, rows, { sort: { column: 0, dir: 'asc' } })).toEqual([1, 3, 0, 2]);
    expect(viewOrder(columns, rows, { sort: { column: 0, dir: 'desc' } })).toEqual([2, 0, 1, 3]);
    expect(viewOrder(columns, rows, { sort: { column: 1, dir: 'asc' } })).toEqual([1, 3, 0, 2]);
  });

  it('filters case-insensitively, in one column or all', () => {
    expect(viewOrder(columns, rows, { filter: 'A' })).toEqual([3]);
    expect(viewOrder(columns, rows, { filter: '10' })).toEqual([0, 2]);
    expect(viewOrder(columns, rows, { filter: '9', filterColumn: 1 })).toEqual([]);
  });

  it('keeps columns between sensible widths', () => {
    const w = columnWidths(
      [
        { name: 'x', type: 'INT' },
        { name: 'long', type: 'TEXT' },
      ],
      [['1', 'y'.repeat(500)]],
    );
    expect(w[0]).toBe(72);
    expect(w[1]).toBe(360);
  });
});
