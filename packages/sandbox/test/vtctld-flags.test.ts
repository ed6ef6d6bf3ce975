import { describe, expect, it } from 'vitest';
import { FlagError, FlagSet, formatGoDuration, parseGoDuration } from '../src/vtctld/flags';

const set = () =>
  new FlagSet([
    { name: 'recursive', kind: 'bool', def: false, usage: 'Also delete all shards.' },
    { name: 'cells', kind: 'string', def: '', usage: 'Comma-separated cells' },
    { name: 'max_rows', kind: 'int', def: 10000, usage: 'Maximum rows' },
    { name: 'wait_replicas_timeout', kind: 'duration', def: 30_000, usage: 'time to wait' },
    { name: 'keyspace_type', kind: 'string', def: 'NORMAL', usage: 'the `type` of keyspace' },
  ]);

function failure(args: string[]): FlagError {
  try {
    set().parse(args);
  } catch (err) {
    if (err instanceof FlagError) return err;
    throw err;
  }
  throw new Error('expected a FlagError');
}

describe('Go flag parser', () => {
  it('accepts -flag, --flag and -flag=value spellings', () => {
    expect(set().parse(['-recursive', 'ks']).values.recursive).toBe(true);
    expect(set().parse(['--recursive', 'ks']).values.recursive).toBe(true);
    expect(set().parse(['-recursive=false', 'ks']).values.recursive).toBe(false);
    expect(set().parse(['--cells=a,b', 'ks']).values.cells).toBe('a,b');
    expect(set().parse(['-cells', 'a', 'ks'])).toEqual({
      values: {
        recursive: false,
        cells: 'a',
        max_rows: 10000,
        wait_replicas_timeout: 30_000,
        keyspace_type: 'NORMAL',
      },
      args: ['ks'],
    });
    expect(set().parse(['--max_rows', '0x10']).values.max_rows).toBe(16);
    expect(set().parse(['-wait_replicas_timeout=1m30s']).values.wait_replicas_timeout).toBe(90_000);
  });

  it('stops at the first positional argument and at --', () => {
    expect(set().parse(['ks', '-recursive'])).toMatchObject({
      args: ['ks', '-recursive'],
      values: { recursive: false },
    });
    expect(set().parse(['--', '-recursive'])).toMatchObject({ args: ['-recursive'] });
    expect(set().parse(['-', 'x']).args).toEqual(['-', 'x']);
    // A boolean takes no separate value: `true` is positional.
    expect(set().parse(['-recursive', 'true']).args).toEqual(['true']);
  });

  it('answers Go error texts', () => {
    expect(failure(['-foo']).message).toBe('flag provided but not defined: -foo');
    expect(failure(['--foo=1']).message).toBe('flag provided but not defined: -foo');
    expect(failure(['-foo']).printed).toBe('flag provided but not defined: -foo\n');
    expect(failure(['-max_rows=x']).message).toBe('invalid value "x" for flag -max_rows: parse error');
    expect(failure(['-max_rows=99999999999999999999']).message).toBe(
      'invalid value "99999999999999999999" for flag -max_rows: value out of range',
    );
    expect(failure(['-recursive=maybe']).message).toBe(
      'invalid boolean value "maybe" for -recursive: parse error',
    );
    expect(failure(['-cells']).message).toBe('flag needs an argument: -cells');
    expect(failure(['---x']).message).toBe('bad flag syntax: ---x');
    expect(failure(['-=x']).message).toBe('bad flag syntax: -=x');
    expect(failure(['-wait_replicas_timeout=soon']).message).toBe(
      'invalid value "soon" for flag -wait_replicas_timeout: parse error',
    );
  });

  it('treats -help and -h as a help request with nothing printed before the usage', () => {
    for (const h of ['-help', '--help', '-h']) {
      const err = failure([h]);
      expect(err.message).toBe('flag: help requested');
      expect(err.printed).toBeNull();
    }
  });

  it('prints defaults like flag.PrintDefaults, one write per flag, sorted', () => {
    expect(set().printDefaults()).toEqual([
      '  -cells string\n    \tComma-separated cells\n',
      '  -keyspace_type type\n    \tthe type of keyspace (default "NORMAL")\n',
      '  -max_rows int\n    \tMaximum rows (default 10000)\n',
      '  -recursive\n    \tAlso delete all shards.\n',
      '  -wait_replicas_timeout duration\n    \ttime to wait (default 30s)\n',
    ]);
  });

  it('parses and prints Go durations', () => {
    expect(parseGoDuration('10s')).toBe(10_000);
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('10')).toBeNull();
    expect(parseGoDuration('')).toBeNull();
    expect(formatGoDuration(30_000)).toBe('30s');
    expect(formatGoDuration(120_000)).toBe('2m0s');
  });
});
