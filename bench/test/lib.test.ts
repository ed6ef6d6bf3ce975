import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTable, percentile, REPORT_ENV, report, slope } from '../lib';

describe('percentile', () => {
  it('takes the nearest rank, whatever the order of the samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('slope', () => {
  it('fits a line through noisy points, so one high checkpoint does not read as growth', () => {
    // 2 MB per 1,000 polls, with ±0.5 MB of noise around it.
    const points = [0, 1000, 2000, 3000, 4000].map((x, i) => ({
      x,
      y: 50 + (2 * x) / 1000 + [0.5, -0.5, 0, 0.5, -0.5][i]!,
    }));
    expect(slope(points) * 1000).toBeCloseTo(1.9, 5); // the noise tilts the fit by -0.1
    // Flat with one spike in the middle: no growth.
    expect(
      slope([
        { x: 0, y: 6 },
        { x: 1, y: 6 },
        { x: 2, y: 9 },
        { x: 3, y: 6 },
        { x: 4, y: 6 },
      ]),
    ).toBeCloseTo(0, 10);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
    expect(
      slope([
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ]),
    ).toBeNaN();
  });
});

describe('formatTable', () => {
  it('prints a Markdown table with the value right-aligned and the verdict in its own column', () => {
    const table = formatTable([
      { bench: 'proxy', metric: 'rate BFF / nginx', value: '0.65×', target: '≥ 0.60×', ok: true },
      { bench: 'proxy', metric: 'added p50', value: '12.50 ms', target: '≤ 2 ms', ok: false },
      { bench: 'web', metric: 'navigation', value: '1 s' },
    ]).split('\n');
    expect(table).toHaveLength(5);
    expect(table[1]).toMatch(/^\|-+\|-+\|-+:\|-+\|-+\|$/);
    expect(table[2]).toMatch(/^\| proxy \| rate BFF \/ nginx +\| +0\.65× \| ≥ 0\.60× \| ok +\|$/);
    expect(table[3]).toContain('| MISSED |');
    expect(table[4]).toMatch(/\| +1 s \| +\| +\|$/);
  });
});

describe('report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vtdeck-bench-test-'));
  afterEach(() => {
    delete process.env[REPORT_ENV];
  });

  it('appends one JSON line per call for the runner when it is set', () => {
    const file = join(dir, 'report.jsonl');
    process.env[REPORT_ENV] = file;
    report('first', [{ bench: 'a', metric: 'm', value: '1' }]);
    report('second', [{ bench: 'a', metric: 'n', value: '2', target: '< 3', ok: true }]);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { title: 'first', rows: [{ bench: 'a', metric: 'm', value: '1' }] },
      { title: 'second', rows: [{ bench: 'a', metric: 'n', value: '2', target: '< 3', ok: true }] },
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
