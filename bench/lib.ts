// Shared by every bench script: the machine line every figure is printed with, timing, and tables.
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

export interface Row {
  bench: string;
  metric: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  const header: Row = { bench: 'bench', metric: 'metric', value: 'value', target: 'target' };
  const all = [header, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => String(r[k] ?? '').length));
  const line = (r: Row) =>
    `| ${r.bench.padEnd(w('bench'))} | ${r.metric.padEnd(w('metric'))} | ${r.value.padStart(w('value'))} | ${(r.target ?? '').padEnd(w('target'))} |${r === header ? '' : r.ok === undefined ? '' : r.ok ? ' ok' : ' MISSED'}`;
  console.log(`\n${title}\nmachine: ${machine()}\n`);
  console.log(line(header));
  console.log(
    `|${['bench', 'metric', 'value', 'target'].map((k) => '-'.repeat(w(k as keyof Row) + 2)).join('|')}|`,
  );
  for (const r of rows) console.log(line(r));
}
