import type { SqlCell, SqlColumn } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import { csvField, rowTsv, toCsv, toJson, uniqueKeys } from '../src/features/sql/lib/exporters';

const col = (name: string, type = 'VARCHAR'): SqlColumn => ({ name, type });

describe('CSV export', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('keeps SQL NULL, the empty string and the text NULL apart', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('NULL')).toBe('NULL');
  });

  it('writes a header, CRLF rows, binary as hex, in the given view order', () => {
    const columns = [col('id', 'INT'), col('name'), col('data', 'BLOB')];
    const rows: SqlCell[][] = [
      ['1', 'a,b', { base64: 'Sm8=' }],
      ['2', null, null],
      ['3', 'x "y"', { base64: '' }],
    ];
    expect(toCsv(columns, rows)).toBe('id,name,data\r\n1,"a,b",0x4a6f\r\n2,,\r\n3,"x ""y""",0x\r\n');
    expect(toCsv(columns, rows, [2, 0])).toBe('id,name,data\r\n3,"x ""y""",0x\r\n1,"a,b",0x4a6f\r\n');
  });

  it('quotes a header name that needs it', () => {
    expect(toCsv([col('count(*), total')], [])).toBe('"count(*), total"\r\n');
  });
});

describe('JSON export', () => {
  it('gives repeated column names their own keys', () => {
    expect(uniqueKeys([col('a'), col('b'), col('a'), col('a')])).toEqual(['a', 'b', 'a_2', 'a_3']);
  });

  it('writes NULL as null and keeps numbers as the exact strings received', () => {
    const out = JSON.parse(
      toJson(
        [col('id', 'BIGINT'), col('v')],
        [
          ['18446744073709551615', null],
          ['2', 'NULL'],
        ],
      ),
    ) as unknown;
    expect(out).toEqual([
      { id: '18446744073709551615', v: null },
      { id: '2', v: 'NULL' },
    ]);
  });
});

describe('row copy', () => {
  it('is tab-separated with NULL spelled out and no line breaks inside', () => {
    expect(rowTsv(['1', null, 'two\nlines', { base64: '/w==' }])).toBe('1\tNULL\ttwo lines\t0xff');
  });
});
