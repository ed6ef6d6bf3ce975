// Proxy path: requests/s and p50/p99 latency of the seed routes `GET /api/keyspaces/` and
// `POST /api/vtctl/` (GetKeyspace commerce) through the BFF, signed in with an API token (so every
// request runs the permission check), against the sandbox vtctld directly and against nginx (one
// worker, keep-alive upstream) proxying the same sandbox; autocannon, 50 connections, one run. A bare
// Fastify + undici proxy of the same routes shows what the approach costs before the BFF's features.
// The sides take turns in short rounds, and each ratio is taken within a round and reported as the
// median over rounds (with its range): the host's load drifts by ±40 % over a minute here, and a
// ratio of two figures measured seconds apart is only as good as that drift.
// Targets: BFF ≥ 0.6 × nginx's rate; added latency over direct ≤ 2 ms at p50, ≤ 5 ms at p99.
// Run: pnpm bench proxy   (installs Debian nginx-light when missing)
import { median, type Row, report } from './lib';
import { processCpuMs } from './support/cpu';
import { describeLoad, type LoadResult, load, merge } from './support/load';
import { startNginx } from './support/nginx';
import { AUTH, startBareProxy, startBffProcess, startSandboxProcess } from './support/processes';

const CONNECTIONS = 50;
const ROUNDS = 7;
const ROUND_S = 2;
const WARMUP_S = 1;

const ENDPOINTS = [
  { name: 'GET /api/keyspaces/', path: '/api/keyspaces/', method: 'GET' as const },
  {
    name: 'POST /api/vtctl/ GetKeyspace',
    path: '/api/vtctl/',
    method: 'POST' as const,
    body: JSON.stringify(['GetKeyspace', 'commerce']),
  },
];

const sandbox = await startSandboxProcess([]);
const bff = await startBffProcess({ clusters: [{ name: 'prod', vtctld: { url: sandbox.vtctld.prod! } }] });
const nginx = await startNginx(sandbox.vtctld.prod!);
const bare = await startBareProxy(sandbox.vtctld.prod!);
// `pid`: the process that serves the side's requests, whose CPU time is counted (nginx: master + worker).
const SIDES = [
  { name: 'sandbox vtctld direct', url: sandbox.vtctld.prod!, headers: {}, pid: sandbox.pid },
  { name: `${nginx.version}, 1 worker`, url: nginx.url, headers: {}, pid: nginx.pid },
  {
    name: 'bare Fastify + undici pool (no auth, headers, metrics)',
    url: bare.url,
    headers: {},
    pid: bare.pid,
  },
  { name: 'BFF, signed in', url: bff.url, headers: AUTH, pid: bff.pid },
];

try {
  const rows: Row[] = [];
  for (const endpoint of ENDPOINTS) {
    const specs = SIDES.map((side) => ({
      url: side.url + endpoint.path,
      method: endpoint.method,
      headers: endpoint.body ? { ...side.headers, 'content-type': 'application/json' } : side.headers,
      body: endpoint.body,
      connections: CONNECTIONS,
    }));
    // The same answer (as JSON) from every side, or the comparison means nothing.
    const answers = await Promise.all(
      specs.map(async (s) => {
        const res = await fetch(s.url, { method: s.method, headers: s.headers, body: s.body });
        const text = await res.text();
        return `${res.status} ${res.status === 200 ? JSON.stringify(JSON.parse(text)) : text}`;
      }),
    );
    if (new Set(answers).size !== 1 || !answers[0]?.startsWith('200 ')) {
      throw new Error(`${endpoint.name}: the sides answer differently:\n${answers.join('\n')}`);
    }
    console.error(`[proxy] ${endpoint.name}: ${ROUNDS} rounds of ${ROUND_S} s per side`);
    const runs: LoadResult[][] = SIDES.map(() => []);
    const cpuMs = SIDES.map(() => 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, spec] of specs.entries()) {
        if (round === 0) await load({ ...spec, durationS: WARMUP_S });
        const before = processCpuMs(SIDES[i]!.pid);
        runs[i]!.push(await load({ ...spec, durationS: ROUND_S }));
        cpuMs[i]! += processCpuMs(SIDES[i]!.pid) - before;
      }
    }
    const merged = runs.map(merge);
    const [direct, viaNginx, viaBare, viaBff] = [0, 1, 2, 3].map((i) => runs[i]!) as [
      LoadResult[],
      LoadResult[],
      LoadResult[],
      LoadResult[],
    ];
    // CPU (user + system) of the serving process per answered request, over every round: unlike a
    // rate it does not depend on what else the host runs at the time, so it says what each side costs.
    const cpuPerRequest = SIDES.map((_, i) => {
      const requests = runs[i]!.reduce((n, r) => n + r.requests, 0);
      return (cpuMs[i]! * 1000) / requests;
    });
    for (const [i, side] of SIDES.entries()) {
      const r = merged[i]!;
      rows.push({
        bench: 'proxy',
        metric: `${endpoint.name} · ${side.name}`,
        value: `${describeLoad(r)}, ${Math.round(cpuPerRequest[i]!)} µs CPU/req`,
        ...(r.failures ? { ok: false } : {}),
      });
    }
    const [, nginxCpu, bareCpu, bffCpu] = cpuPerRequest as [number, number, number, number];
    rows.push(
      {
        bench: 'proxy',
        metric: `${endpoint.name} · CPU per request, BFF / bare Fastify (what the BFF's features cost)`,
        value: `${(bffCpu / bareCpu).toFixed(2)}×`,
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · CPU per request, BFF / nginx`,
        value: `${(bffCpu / nginxCpu).toFixed(2)}×`,
      },
    );
    // Per round: the BFF against its peers measured in the same few seconds.
    const perRound = (f: (round: number) => number) => {
      const values = Array.from({ length: ROUNDS }, (_, round) => f(round));
      return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
    };
    const bareRatio = perRound((i) => viaBare[i]!.rate / viaNginx[i]!.rate);
    const ratio = perRound((i) => viaBff[i]!.rate / viaNginx[i]!.rate);
    const addedP50 = perRound((i) => viaBff[i]!.p50 - direct[i]!.p50);
    const addedP99 = perRound((i) => viaBff[i]!.p99 - direct[i]!.p99);
    const times = (r: { median: number; min: number; max: number }) =>
      `${r.median.toFixed(2)}× (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
    const ms = (r: { median: number; min: number; max: number }) =>
      `${r.median.toFixed(2)} ms (rounds ${r.min.toFixed(1)}–${r.max.toFixed(1)})`;
    rows.push(
      {
        bench: 'proxy',
        metric: `${endpoint.name} · rate bare Fastify / nginx (the approach's floor here)`,
        value: times(bareRatio),
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · rate BFF / nginx, median of rounds`,
        value: times(ratio),
        target: '≥ 0.60×',
        ok: ratio.median >= 0.6,
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · BFF added latency p50, median of rounds`,
        value: ms(addedP50),
        target: '≤ 2 ms',
        ok: addedP50.median <= 2,
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · BFF added latency p99, median of rounds`,
        value: ms(addedP99),
        target: '≤ 5 ms',
        ok: addedP99.median <= 5,
      },
    );
  }
  report(
    `Proxy path: autocannon ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_S} s per side, taken in turns`,
    rows,
  );
} finally {
  await Promise.all([nginx.close(), bff.close(), bare.close()]);
  await sandbox.close();
}
