// Load with autocannon, latencies kept at full resolution (autocannon's own histogram rounds to whole
// milliseconds, too coarse for "≤ 2 ms added").
import { createRequire } from 'node:module';
import { percentile } from '../lib';

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
}) => AutocannonInstance;

// autocannon has no types of its own; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** measured seconds, after `warmupS` unmeasured ones */
  durationS: number;
  warmupS?: number;
}

export interface LoadResult {
  /** 2xx answers per second */
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  /** answers other than 2xx, connection errors and timeouts: a run with any is not a fair figure */
  failures: number;
  /** the failures by kind: a status code (`503`), `timeout` or `error` (connection error) */
  failed: Record<string, number>;
  /** latency of every 2xx answer, ms */
  latencies: number[];
  seconds: number;
}

function summarise(
  latencies: number[],
  seconds: number,
  requests: number,
  failed: Record<string, number>,
): LoadResult {
  return {
    failures: Object.values(failed).reduce((n, count) => n + count, 0),
    failed,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests,
    latencies,
    seconds,
  };
}

/** Runs of the same load taken in turns with others (so a noisy moment hits every side alike), as one. */
export function merge(runs: LoadResult[]): LoadResult {
  return summarise(
    runs.flatMap((r) => r.latencies),
    runs.reduce((s, r) => s + r.seconds, 0),
    runs.reduce((s, r) => s + r.requests, 0),
    addCounts(runs.map((r) => r.failed)),
  );
}

function addCounts(counts: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const opts = {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    body: spec.body,
    connections: spec.connections ?? 50,
  };
  if (spec.warmupS) await autocannon({ ...opts, duration: spec.warmupS });
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const run = autocannon({ ...opts, duration: spec.durationS });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failed[status] = (failed[status] ?? 0) + 1;
  });
  const result = await run;
  // autocannon counts a timeout as an error too.
  const errors = result.errors - result.timeouts;
  if (result.timeouts) failed.timeout = result.timeouts;
  if (errors) failed.error = errors;
  return summarise(latencies, result.duration, result.requests.total, failed);
}

const describeFailed = (failed: Record<string, number>): string =>
  Object.entries(failed)
    .map(([kind, n]) => (/^\d+$/.test(kind) ? `${n} × ${kind}` : `${n} ${kind}${n === 1 ? '' : 's'}`))
    .join(', ');

export const describeLoad = (r: LoadResult): string =>
  `${Math.round(r.rate).toLocaleString('en')}/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${r.failures ? `, ${r.failures} FAILED (${describeFailed(r.failed)})` : ''}`;
