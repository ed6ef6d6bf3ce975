// Temp dirs whose owning process was killed outright are removed by the next start.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markOwner, sweepStaleDirs } from '../src/shared/stale-dirs';

const prefix = `vtdeck-stale-test-${process.pid}-`;
const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('sweepStaleDirs', () => {
  it('removes dirs of dead owners, keeps live owners, live servers and fresh unowned dirs', () => {
    const dead = dir();
    writeFileSync(join(dead, 'owner.pid'), '2147483646');
    const mine = dir();
    markOwner(mine);
    const serving = dir();
    writeFileSync(join(serving, 'owner.pid'), '2147483646');
    writeFileSync(join(serving, 'mysqld.pid'), String(process.pid));
    const fresh = dir();
    sweepStaleDirs(prefix, ['mysqld.pid']);
    expect([dead, mine, serving, fresh].map(existsSync)).toEqual([false, true, true, true]);
  });
});
