import { describe, expect, it } from 'vitest';
import { checkKeyspaceName, checkShardName, compareKeys } from '../src/features/topology/lib/keyRange';

describe('shard names', () => {
  it('accepts key ranges and plain names', () => {
    for (const ok of ['-80', '80-', '40-80', '-', '0', '-4000', '4000-8000'])
      expect(checkShardName(ok)).toBeNull();
  });
  it('names the problem', () => {
    expect(checkShardName('')).toBe('empty');
    expect(checkShardName('80-40')).toBe('order');
    expect(checkShardName('8-80')).toBe('oddDigits');
    expect(checkShardName('xx-80')).toBe('format');
    expect(checkShardName('-80-')).toBe('format');
    expect(checkShardName('-80', ['-80', '80-'])).toBe('exists');
  });
  it('compares keys as bytes', () => {
    expect(compareKeys('8', '80')).toBe(0);
    expect(compareKeys('40', '8000')).toBeLessThan(0);
  });
});

describe('keyspace names', () => {
  it('validates', () => {
    expect(checkKeyspaceName('gw_keyspace')).toBeNull();
    expect(checkKeyspaceName('')).toBe('empty');
    expect(checkKeyspaceName('-bad')).toBe('format');
    expect(checkKeyspaceName('has space')).toBe('format');
    expect(checkKeyspaceName('commerce', ['commerce'])).toBe('exists');
  });
});
