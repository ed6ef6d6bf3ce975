// Proxy path: requests/s and p50/p99 latency of the seed routes `GET /api/keyspaces/` and
// `POST /api/vtctl/` (GetKeyspace commerce) through the BFF, signed in with an API token (so every
// request runs the permission check), against the sandbox vtctld directly and against nginx (one
// worker, keep-alive upstream) proxying the same sandbox; autocannon, 50 connections, one run. A bare
// Fastify + undici proxy of the same routes shows what the approach costs before the BFF's features.
// The three sides take turns in short rounds, so a noisy moment on the machine hits each alike.
// Targets: BFF ≥ 0.6 × nginx's rate; added latency over direct ≤ 2 ms at p50, ≤ 5 ms at p99.
// Run: pnpm bench proxy   (installs Debian nginx-light when missing)
import { type Row, report } from './lib';
import { describeLoad, type LoadResult, load, merge } from './support/load';
import { startNginx } from './support/nginx';
import { AUTH, startBareProxy, startBffProcess, startSandboxProcess } from './support/processes';

const CONNECTIONS = 50;
const ROUNDS = 3;
const ROUND_S = 3;
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
const bff = await startBffProcess({ clusters: [{ name: 'prod', vtctld: sandbox.vtctld.prod! }] });
const nginx = await startNginx(sandbox.vtctld.prod!);
const bare = await startBareProxy(sandbox.vtctld.prod!);
const SIDES = [
  { name: 'sandbox vtctld direct', url: sandbox.vtctld.prod!, headers: {} },
  { name: `${nginx.version}, 1 worker`, url: nginx.url, headers: {} },
  { name: 'bare Fastify + undici pool (no auth, headers, metrics)', url: bare.url, headers: {} },
  { name: 'BFF, signed in', url: bff.url, headers: AUTH },
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
    let bffCpuMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, spec] of specs.entries()) {
        const isBff = SIDES[i]!.url === bff.url;
        if (round === 0) await load({ ...spec, durationS: WARMUP_S });
        if (isBff) await bff.reset();
        runs[i]!.push(await load({ ...spec, durationS: ROUND_S }));
        if (isBff) bffCpuMs += (await bff.stats()).cpuMs;
      }
    }
    const merged = runs.map(merge);
    const [direct, viaNginx, viaBare, viaBff] = merged as [LoadResult, LoadResult, LoadResult, LoadResult];
    for (const [i, side] of SIDES.entries()) {
      const r = merged[i]!;
      rows.push({
        bench: 'proxy',
        metric: `${endpoint.name} · ${side.name}`,
        value: describeLoad(r),
        ...(r.failures ? { ok: false } : {}),
      });
    }
    rows.push({
      bench: 'proxy',
      metric: `${endpoint.name} · BFF CPU time per request (its whole process)`,
      value: `${Math.round((bffCpuMs * 1000) / viaBff.requests)} µs`,
    });
    rows.push({
      bench: 'proxy',
      metric: `${endpoint.name} · rate bare Fastify / nginx (the approach's floor here)`,
      value: `${(viaBare.rate / viaNginx.rate).toFixed(2)}×`,
    });
    const ratio = viaBff.rate / viaNginx.rate;
    const addedP50 = viaBff.p50 - direct.p50;
    const addedP99 = viaBff.p99 - direct.p99;
    rows.push(
      {
        bench: 'proxy',
        metric: `${endpoint.name} · rate BFF / nginx`,
        value: `${ratio.toFixed(2)}×`,
        target: '≥ 0.60×',
        ok: ratio >= 0.6,
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · BFF added latency p50`,
        value: `${addedP50.toFixed(2)} ms`,
        target: '≤ 2 ms',
        ok: addedP50 <= 2,
      },
      {
        bench: 'proxy',
        metric: `${endpoint.name} · BFF added latency p99`,
        value: `${addedP99.toFixed(2)} ms`,
        target: '≤ 5 ms',
        ok: addedP99 <= 5,
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
