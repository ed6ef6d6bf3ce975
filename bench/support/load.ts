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
  /** latency of every 2xx answer, ms */
  latencies: number[];
  seconds: number;
}

function summarise(latencies: number[], seconds: number, requests: number, failures: number): LoadResult {
  return {
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests,
    failures,
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
    runs.reduce((s, r) => s + r.failures, 0),
  );
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
  const run = autocannon({ ...opts, duration: spec.durationS });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await run;
  return summarise(
    latencies,
    result.duration,
    result.requests.total,
    result.non2xx + result.errors + result.timeouts,
  );
}

export const describeLoad = (r: LoadResult): string =>
  `${Math.round(r.rate).toLocaleString('en')}/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${r.failures ? `, ${r.failures} FAILED` : ''}`;
