// Shared by every bench script: the machine line every figure is printed with, timing, tables, and
// report(), the one way a bench hands its rows over (to `pnpm bench`'s table, or printed when run alone).
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown cpu';
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`;
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

/** Least-squares slope of y over x (NaN for fewer than two distinct x): growth per unit, not per run. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((sum, p) => sum + p.x, 0) / n;
  const my = points.reduce((sum, p) => sum + p.y, 0) / n;
  const num = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

export const fmtMs = (ms: number): string =>
  `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
export const fmtMb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
export const fmtRate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en')}/s`;

export interface Row {
  bench: string;
  metric: string;
  value: string;
  target?: string;
  ok?: boolean;
}

/**
 * The other way to be a bench (besides calling report() at the end of a script): export
 * `const bench: Bench` and `pnpm bench` calls `run()` in a process of its own.
 */
export interface Bench {
  /** one line: what was measured, on what data */
  title: string;
  run(): Promise<Row[]>;
}

/** Set by bench/run.ts for each bench process: the file report() appends its JSON line to. */
export const REPORT_ENV = 'VTDECK_BENCH_REPORT';

/** A bench's result: one table when the script runs alone, a part of the one table under `pnpm bench`. */
export function report(title: string, rows: Row[]): void {
  const file = process.env[REPORT_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ title, rows })}\n`);
  else printTable(title, rows);
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}\nmachine: ${machine()}\n`);
  console.log(formatTable(rows));
}

/** A Markdown table: bench, metric, value, target and whether the target was met. */
export function formatTable(rows: Row[]): string {
  const cells = (r: Row) => [
    r.bench,
    r.metric,
    r.value,
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED',
  ];
  const all = [['bench', 'metric', 'value', 'target', ''], ...rows.map(cells)];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}
