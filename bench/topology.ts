// Topology at scale: cold and warm time of `GET /api/v2/clusters/prod/topology` through the real BFF
// over a generated sandbox topology with 2 ms added to every vtctld answer, against the same loader
// run one vtctld call at a time (the sequential fan-out) in the same run. Then the 256 × 16 × 4
// topology under 50 concurrent users: the BFF's memory and event-loop delay, measured inside it.
// Targets (100 × 32 × 3): cold < 300 ms, warm < 20 ms.
// Run: pnpm bench topology
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter } from '../apps/bff/src/aggregate/limiter';
import { loadTopology } from '../apps/bff/src/aggregate/topology-loader';
import { VtctldClient } from '../apps/bff/src/upstreams/vtctld';
import { fmtMb, fmtMs, median, percentile, type Row, report, time } from './lib';
import { processCpuMs } from './support/cpu';
import { describeLoad, load } from './support/load';
import {
  AUTH,
  type BffProcess,
  type SandboxProcess,
  startBffProcess,
  startSandboxProcess,
} from './support/processes';

const LATENCY_MS = 2;
/** The BFF's default topology cache; a cold sample waits it out. */
const CACHE_TTL_MS = 2_000;
const USERS = 50;

interface Shape {
  keyspaces: number;
  shards: number;
  tablets: number;
}
const label = (s: Shape) => `${s.keyspaces}×${s.shards}×${s.tablets}`;

async function start(shape: Shape): Promise<{ sandbox: SandboxProcess; bff: BffProcess; url: string }> {
  const sandbox = await startSandboxProcess([
    '--dataset',
    'generated',
    '--keyspaces',
    String(shape.keyspaces),
    '--shards',
    String(shape.shards),
    '--tablets',
    String(shape.tablets),
    '--fault',
    `prod/vtctld:latency=${LATENCY_MS}`,
  ]);
  const bff = await startBffProcess({
    clusters: [{ name: 'prod', vtctld: { url: sandbox.vtctld.prod! } }],
    topology: { cacheTtlMs: CACHE_TTL_MS },
  });
  return { sandbox, bff, url: `${bff.url}/api/v2/clusters/prod/topology` };
}

/** One GET, timed to the last byte of the answer (what a browser waits for before it can parse). */
async function get(url: string): Promise<{ ms: number; bytes: number }> {
  const { ms, value } = await time(async () => {
    const res = await fetch(url, { headers: AUTH });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.arrayBuffer();
  });
  return { ms, bytes: value.byteLength };
}

async function vtctldRequests(sandbox: SandboxProcess): Promise<number> {
  const res = await fetch(sandbox.control);
  const { fakes } = (await res.json()) as { fakes: { target: string; requests: number }[] };
  return fakes.find((f) => f.target === 'prod/vtctld')?.requests ?? 0;
}

/** Cold (cache expired) and warm (cached) times, `rounds` of one cold and `warm` warm requests. */
async function coldAndWarm(url: string, rounds: number, warm: number) {
  const cold: number[] = [];
  const warmMs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    await sleep(CACHE_TTL_MS + 100);
    const c = await get(url);
    cold.push(c.ms);
    bytes = c.bytes;
    for (let w = 0; w < warm; w++) warmMs.push((await get(url)).ms);
  }
  return { cold, warm: warmMs, bytes };
}

async function atScale(shape: Shape): Promise<Row[]> {
  const bench = `topology ${label(shape)}`;
  const { sandbox, bff, url } = await start(shape);
  try {
    const tablets = shape.keyspaces * shape.shards * shape.tablets;
    const before = await vtctldRequests(sandbox);
    const first = await get(url); // also compiles the BFF's code paths
    const calls = (await vtctldRequests(sandbox)) - before;
    const tree = (await (await fetch(url, { headers: AUTH })).json()) as {
      items: { shards: { tablets: unknown[] }[] }[];
      errors: unknown[];
    };
    const got = tree.items.reduce((n, k) => n + k.shards.reduce((m, s) => m + s.tablets.length, 0), 0);
    if (got !== tablets || tree.errors.length) {
      throw new Error(`expected ${tablets} tablets and no errors, got ${got} and ${tree.errors.length}`);
    }
    console.error(`[topology] ${label(shape)}: cold and warm`);
    const { cold, warm } = await coldAndWarm(url, 3, 10);
    const rows: Row[] = [
      {
        bench,
        metric: `first answer after start (${tablets.toLocaleString('en')} tablets, ${fmtMb(first.bytes)} JSON, ${calls} vtctld calls)`,
        value: fmtMs(first.ms),
      },
      { bench, metric: `cold, median of ${cold.length}`, value: fmtMs(median(cold)) },
      { bench, metric: `warm, median of ${warm.length}`, value: fmtMs(median(warm)) },
    ];

    // Uncompressed first (with the memory peaks), then asking for brotli as browsers do: the BFF
    // compresses each tree once per encoding and sends those bytes to every user.
    for (const [how, extra] of [
      ['uncompressed', {}],
      ['brotli (what browsers ask for)', { 'accept-encoding': 'br' }],
    ] as const) {
      console.error(`[topology] ${label(shape)}: ${USERS} users for 10 s, ${how}`);
      await bff.reset({ gc: true });
      const idle = await bff.stats();
      const cpuBefore = processCpuMs(bff.pid);
      const loaded = await load({ url, headers: { ...AUTH, ...extra }, connections: USERS, durationS: 10 });
      const cpuMs = processCpuMs(bff.pid) - cpuBefore;
      const busy = await bff.stats();
      const under = `under load, ${how.split(' ')[0]}`;
      rows.push(
        { bench, metric: `${USERS} users loading the topology, ${how}`, value: describeLoad(loaded) },
        {
          bench,
          metric: `BFF RSS: tree cached and idle → peak ${under}`,
          value: `${fmtMb(idle.rss)} → ${fmtMb(busy.peakRss)} (${(busy.peakRss / idle.rss).toFixed(1)}×)`,
        },
        {
          bench,
          metric: `BFF heap used: idle → peak ${under}`,
          value: `${fmtMb(idle.heapUsed)} → ${fmtMb(busy.peakHeapUsed)}`,
        },
        {
          bench,
          metric: `BFF CPU ${under} (of one core)`,
          value: `${Math.round(cpuMs / (loaded.seconds * 10))} %`,
        },
        {
          bench,
          metric: `BFF event-loop delay ${under}, p50 / p99 / max`,
          value: `${fmtMs(busy.delay.p50)} / ${fmtMs(busy.delay.p99)} / ${fmtMs(busy.delay.max)}`,
        },
      );
    }
    return rows;
  } finally {
    await bff.close();
    await sandbox.close();
  }
}

/** The issue-3 figures: cold, warm, and the same loader with one vtctld call at a time. */
async function againstSequential(shape: Shape): Promise<Row[]> {
  const bench = `topology ${label(shape)}`;
  const { sandbox, bff, url } = await start(shape);
  try {
    await get(url); // compiles the BFF's code paths; the samples below are cache-cold, not process-cold
    console.error(`[topology] ${label(shape)}: cold and warm`);
    const { cold, warm, bytes } = await coldAndWarm(url, 5, 20);

    console.error(`[topology] ${label(shape)}: sequential fan-out`);
    const client = new VtctldClient({
      cluster: 'prod',
      url: sandbox.vtctld.prod!,
      timeoutMs: 5_000,
      commandTimeoutMs: 120_000,
      connections: 1,
    });
    const sequential: number[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const { ms, value } = await time(() => loadTopology(client, createLimiter(1), {}));
        if (value.errors.length) throw new Error(`sequential load failed: ${value.errors[0]?.message}`);
        sequential.push(ms);
      }
    } finally {
      await client.close();
    }
    const coldMs = median(cold);
    const warmMs = median(warm);
    const seqMs = median(sequential);
    const tablets = shape.keyspaces * shape.shards * shape.tablets;
    return [
      {
        bench,
        metric: `cold, median of ${cold.length} (${tablets.toLocaleString('en')} tablets, ${fmtMb(bytes)} JSON, +${LATENCY_MS} ms per vtctld call)`,
        value: fmtMs(coldMs),
        target: '< 300 ms',
        ok: coldMs < 300,
      },
      {
        bench,
        metric: `warm, median of ${warm.length} (p95 ${fmtMs(percentile(warm, 95))})`,
        value: fmtMs(warmMs),
        target: '< 20 ms',
        ok: warmMs < 20,
      },
      {
        bench,
        metric: `sequential fan-out, same loader, one call at a time (median of ${sequential.length})`,
        value: fmtMs(seqMs),
      },
      {
        bench,
        metric: 'cold BFF / sequential fan-out',
        value: `${(coldMs / seqMs).toFixed(2)}× (${(seqMs / coldMs).toFixed(1)}× faster)`,
      },
    ];
  } finally {
    await bff.close();
    await sandbox.close();
  }
}

const rows = [
  ...(await againstSequential({ keyspaces: 100, shards: 32, tablets: 3 })),
  ...(await atScale({ keyspaces: 256, shards: 16, tablets: 4 })),
];
report(
  `Topology aggregate through the BFF, vtctld fake +${LATENCY_MS} ms per call, cache ${CACHE_TTL_MS} ms`,
  rows,
);
