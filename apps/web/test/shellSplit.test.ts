import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../src/features/topology/console/shellSplit';
import { quoteArgs } from '../src/shared/lib/quoteArgs';

describe('splitCommandLine', () => {
  it('splits on whitespace', () => {
    expect(splitCommandLine('  DeleteShard  -recursive\t-even_if_serving test/-10 ')).toEqual([
      'DeleteShard',
      '-recursive',
      '-even_if_serving',
      'test/-10',
    ]);
  });

  it('respects single and double quotes', () => {
    expect(splitCommandLine(`ApplySchema -sql "CREATE TABLE t (id int)" ks`)).toEqual([
      'ApplySchema',
      '-sql',
      'CREATE TABLE t (id int)',
      'ks',
    ]);
    expect(splitCommandLine(`x 'a "b" c' "it's" -v=\\"q\\"`)).toEqual(['x', 'a "b" c', "it's", '-v="q"']);
    expect(splitCommandLine(`a "" ''`)).toEqual(['a', '', '']);
    expect(splitCommandLine(`-sql="select 'x'"`)).toEqual([`-sql=select 'x'`]);
  });

  it('rejects unterminated quotes', () => {
    expect(() => splitCommandLine(`a "b`)).toThrow(/double quote/);
    expect(() => splitCommandLine(`a 'b`)).toThrow(/single quote/);
  });

  it('round-trips what quoteArgs prints', () => {
    const args = ['ApplySchema', '-sql', "INSERT INTO t VALUES ('a b')", '', 'ks/-80'];
    expect(splitCommandLine(quoteArgs(args))).toEqual(args);
  });
});
