// The BFF as benches run it: the real app (buildApp, resolveConfig in sandbox mode, so the demo API
// token signs requests in) in a process of its own, pointed at sandbox processes. Started by
// startBffProcess() with its options in VTDECK_BENCH_BFF; it tells its URL over IPC and answers
// `stats` with its own memory and event-loop delay, measured in here where the requests are served.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../../apps/bff/src/app';
import { type ConfigFile, resolveConfig } from '../../apps/bff/src/config';
import type { ClusterFile } from '../../apps/bff/src/sandbox-clusters';

export interface BffOptions {
  /** as the config file names them; the first is the default */
  clusters: ClusterFile[];
  topology?: ConfigFile['topology'];
  monitor?: ConfigFile['monitor'];
  routerPolling?: ConfigFile['routerPolling'];
  /** the built web to serve; none by default */
  distDir?: string;
}

export interface BffStats {
  rss: number;
  heapUsed: number;
  /** highest values sampled every 100 ms since the last reset */
  peakRss: number;
  peakHeapUsed: number;
  /** event-loop delay since the last reset, in ms */
  delay: { p50: number; p99: number; max: number; mean: number };
  /** polls the monitoring wall has made since the start, over every cluster */
  monitorPolls: number;
}

export type FromBff =
  | { type: 'listening'; url: string }
  | { type: 'stats'; id: number; stats: BffStats }
  | { type: 'reset'; id: number };

const options = JSON.parse(process.env.VTDECK_BENCH_BFF ?? '{}') as BffOptions;
const dir = mkdtempSync(join(tmpdir(), 'vtdeck-bench-bff-'));
const config = resolveConfig(
  {
    logLevel: 'silent',
    clusters: options.clusters.map((c, i) => ({ ...c, default: i === 0 })),
    topology: options.topology,
    monitor: options.monitor,
    routerPolling: options.routerPolling,
    web: { distDir: options.distDir ?? join(dir, 'no-web') },
    auth: { auditLog: { path: join(dir, 'audit.log') } },
  },
  {},
  { sandbox: true },
);
const app = await buildApp(config, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const peak = { rss: 0, heapUsed: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  return m;
};
const sampler = setInterval(sample, 100);
const gc = (globalThis as { gc?: () => void }).gc;

const send = (message: FromBff) => process.send?.(message);
process.on('message', (message: { type: 'stats' | 'reset'; id: number; gc?: boolean }) => {
  if (message.type === 'reset') {
    if (message.gc) gc?.();
    const m = process.memoryUsage();
    peak.rss = m.rss;
    peak.heapUsed = m.heapUsed;
    delay.reset();
    send({ type: 'reset', id: message.id });
    return;
  }
  const m = sample();
  const ms = (ns: number) => ns / 1e6;
  send({
    type: 'stats',
    id: message.id,
    stats: {
      rss: m.rss,
      heapUsed: m.heapUsed,
      peakRss: peak.rss,
      peakHeapUsed: peak.heapUsed,
      delay: {
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      monitorPolls: [...app.monitor.monitors.values()].reduce((n, m) => n + m.polls, 0),
    },
  });
});

const shutdown = async () => {
  clearInterval(sampler);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
send({ type: 'listening', url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
