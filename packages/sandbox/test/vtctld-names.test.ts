import { describe, expect, it } from 'vitest';
import { goEscape, goJsonParse, goMarshalIndent } from '../src/vtctld/encoding/go-json';
import { bytes, i64, jsonpb, list, msg, pbMap } from '../src/vtctld/encoding/jsonpb';
import { generateShardRanges, keyRangesIntersect, parseShardName } from '../src/vtctld/keyrange';
import {
  aliasProtoText,
  aliasString,
  isTrivialTypeChange,
  parseKeyspaceShard,
  parseTabletAlias,
  parseTabletTypeArg,
} from '../src/vtctld/names';

const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('tablet aliases', () => {
  it('accepts any number of leading zeros and prints 10 digits', () => {
    expect(parseTabletAlias('test-100')).toEqual({ cell: 'test', uid: 100 });
    expect(parseTabletAlias('test-0000000100')).toEqual({ cell: 'test', uid: 100 });
    expect(aliasString({ cell: 'test', uid: 100 })).toBe('test-0000000100');
    expect(aliasString(null)).toBe('<nil>');
    expect(aliasProtoText({ cell: 'test', uid: 100 })).toBe('cell:"test" uid:100 ');
  });

  it('rejects bad aliases with the era-B texts', () => {
    expect(err(() => parseTabletAlias('test100'))).toBe(
      "invalid tablet alias: 'test100', expecting format: '<cell>-<uid>'",
    );
    expect(err(() => parseTabletAlias('a-b-1'))).toBe(
      "invalid tablet alias: 'a-b-1', expecting format: '<cell>-<uid>'",
    );
    expect(err(() => parseTabletAlias('cell1-x'))).toBe(
      `invalid tablet uid in alias 'cell1-x': bad tablet uid strconv.ParseUint: parsing "x": invalid syntax`,
    );
    expect(err(() => parseTabletAlias('cell1-'))).toBe(
      `invalid tablet uid in alias 'cell1-': bad tablet uid strconv.ParseUint: parsing "": invalid syntax`,
    );
    expect(err(() => parseTabletAlias('cell1-99999999999'))).toBe(
      `invalid tablet uid in alias 'cell1-99999999999': bad tablet uid strconv.ParseUint: parsing "99999999999": value out of range`,
    );
  });

  it('parses keyspace/shard', () => {
    expect(parseKeyspaceShard('ks/-80')).toEqual({ keyspace: 'ks', shard: '-80' });
    expect(parseKeyspaceShard('ks/')).toEqual({ keyspace: 'ks', shard: '' });
    expect(err(() => parseKeyspaceShard('ks'))).toBe('invalid shard path: ks');
  });
});

describe('tablet types', () => {
  it('parses case-insensitively and names the allowed list on refusal', () => {
    expect(parseTabletTypeArg('replica')).toBe(2);
    expect(parseTabletTypeArg('BATCH')).toBe(3);
    expect(err(() => parseTabletTypeArg('foo'))).toBe('invalid tablet type foo: unknown TabletType foo');
    expect(err(() => parseTabletTypeArg('unknown'))).toBe(
      'type UNKNOWN is not one of: backup drained experimental master rdonly rdonly replica restore spare',
    );
  });

  it('allows only trivial type changes', () => {
    expect(isTrivialTypeChange(2, 3)).toBe(true);
    expect(isTrivialTypeChange(3, 8)).toBe(true);
    expect(isTrivialTypeChange(7, 4)).toBe(true);
    expect(isTrivialTypeChange(1, 2)).toBe(false);
    expect(isTrivialTypeChange(2, 1)).toBe(false);
  });
});

describe('shard names and key ranges', () => {
  it('parses ranges and validates them with Go texts', () => {
    expect(parseShardName('0')).toBeNull();
    expect(parseShardName('-80')).toEqual({ start: '', end: '80' });
    expect(parseShardName('80-')).toEqual({ start: '80', end: '' });
    expect(parseShardName('-')).toEqual({ start: '', end: '' });
    expect(parseShardName('40-C0')).toEqual({ start: '40', end: 'c0' });
    expect(err(() => parseShardName('80-40'))).toBe('out of order keys: 80 is not strictly smaller than 40');
    expect(err(() => parseShardName('-80-c0'))).toBe("invalid shardId, can only contain one '-': -80-c0");
    expect(err(() => parseShardName('-8'))).toBe('encoding/hex: odd length hex string');
    expect(err(() => parseShardName('-8g'))).toBe("encoding/hex: invalid byte: U+0067 'g'");
    expect(err(() => parseShardName('-g'))).toBe("encoding/hex: invalid byte: U+0067 'g'");
  });

  it('detects intersections of half-open ranges', () => {
    expect(keyRangesIntersect({ start: '', end: '80' }, { start: '80', end: '' })).toBe(false);
    expect(keyRangesIntersect({ start: '', end: '80' }, { start: '', end: '' })).toBe(true);
    expect(keyRangesIntersect({ start: '40', end: '80' }, { start: '70', end: 'c0' })).toBe(true);
  });

  it('generates even splits', () => {
    expect(generateShardRanges(2)).toEqual(['-80', '80-']);
    expect(generateShardRanges(3)).toEqual(['-55', '55-aa', 'aa-']);
    expect(generateShardRanges(4)).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(generateShardRanges(256)).toHaveLength(256);
  });
});

describe('JSON encodings', () => {
  it('renders jsonpb empties and int64 like golang/protobuf 1.3.2', () => {
    const v = msg([
      ['a', list([])],
      ['m', pbMap({})],
      ['n', msg([['e', list([])]])],
      ['t', i64(5)],
      ['b', bytes('80')],
      ['z', bytes(null)],
      ['empty', msg([])],
    ]);
    expect(jsonpb(v)).toBe(
      '{\n  "a": [\n  ],\n  "m": {\n  },\n  "n": {\n    "e": [\n    ]\n  },\n  "t": "5",\n  "b": "gA==",\n  "z": null,\n  "empty": {\n\n  }\n}',
    );
    expect(jsonpb(msg([]))).toBe('{\n\n}');
  });

  it('escapes like Go encoding/json', () => {
    expect(goMarshalIndent({ Error: '<tablet alias> & \u2028', Output: '\b' })).toBe(
      '{\n  "Error": "\\u003ctablet alias\\u003e \\u0026 \\u2028",\n  "Output": "\\u0008"\n}',
    );
    expect(goEscape('"a\\\\b"')).toBe('"a\\\\b"');
  });

  it('reports syntax errors with Go decoder texts', () => {
    expect(err(() => goJsonParse(''))).toBe('unexpected end of JSON input');
    expect(err(() => goJsonParse('not json'))).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(err(() => goJsonParse('["a",]'))).toBe("invalid character ']' looking for beginning of value");
    expect(err(() => goJsonParse('["a" "b"]'))).toBe(`invalid character '"' after array element`);
    expect(err(() => goJsonParse('{"a" 1}'))).toBe("invalid character '1' after object key");
    expect(err(() => goJsonParse('[1] x'))).toBe("invalid character 'x' after top-level value");
    expect(goJsonParse('["GetKeyspaces"]')).toEqual(['GetKeyspaces']);
  });
});
