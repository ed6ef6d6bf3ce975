// SQL console throughput: a 100k-row result through the BFF (NDJSON over HTTP) against mysql2 reading
// the same result directly, in one run against the same MariaDB (the sandbox's vtgate fake).
// Target: BFF rows/s ≥ 0.7 × direct. Also prints the BFF's peak heap while it streams.
// Run: pnpm bench sql, or alone: npx tsx bench/sql.ts   (needs mariadbd: apt-get install -y --no-install-recommends mariadb-server)
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as Mysql from 'mysql2/promise';
import { buildApp } from '../apps/bff/src/app';
import { DEMO_ADMIN_TOKEN } from '../apps/bff/src/auth/demo-auth';
import { resolveConfig } from '../apps/bff/src/config';
import { startVtgateFake } from '../packages/sandbox/src/vtgate';
import { median, report, time } from './lib';

// bench/ has no dependencies of its own: mysql2 is the BFF's.
const mysql = createRequire(new URL('../apps/bff/package.json', import.meta.url))(
  'mysql2/promise',
) as typeof Mysql;

const ROWS = 100_000;
const RUNS = 5;
const SQL = `select * from big_table limit ${ROWS}`;

const vtgate = await startVtgateFake();
await vtgate.seedRows('commerce', 'big_table', ROWS - 10_000);
const config = resolveConfig(
  {
    logLevel: 'silent',
    // vtctld is not asked by the SQL route; the address only has to be valid.
    clusters: [
      { name: 'prod', vtctld: { url: 'http://127.0.0.1:9' }, vtgate: { url: vtgate.url, flavor: 'mysql' } },
    ],
    web: { distDir: '/nonexistent' },
  },
  {},
  { sandbox: true },
);
const app = await buildApp(config, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v2/clusters/prod/sql`;

async function direct(): Promise<number> {
  const conn = await mysql.createConnection({ uri: vtgate.url, database: 'commerce' });
  try {
    const [rows] = await conn.query<Mysql.RowDataPacket[]>(SQL);
    return rows.length;
  } finally {
    await conn.end();
  }
}

/** Reads the NDJSON stream as it arrives (as a browser does), parsing only the `done` line. */
async function throughBff(): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_ADMIN_TOKEN}` },
    body: JSON.stringify({ keyspace: 'commerce', sql: SQL, maxRows: ROWS }),
  });
  const decoder = new TextDecoder();
  let tail = '';
  let rowCount = -1;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const lines = (tail + decoder.decode(chunk, { stream: true })).split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{"type":"done"')) rowCount = (JSON.parse(line) as { rowCount: number }).rowCount;
    }
  }
  return rowCount;
}

// Heap growth per phase over a collected heap: the BFF's includes the streaming client in the same
// process (it keeps one line at a time). `npx tsx` gives no --expose-gc, so it is switched on here.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const peak = { direct: 0, bff: 0 };
let phase: keyof typeof peak | undefined;
let base = 0;
const sampler = setInterval(() => {
  if (phase) peak[phase] = Math.max(peak[phase], process.memoryUsage().heapUsed - base);
}, 10);
const measured = async <T>(p: keyof typeof peak, fn: () => Promise<T>) => {
  gc();
  base = process.memoryUsage().heapUsed;
  phase = p;
  try {
    return await time(fn);
  } finally {
    phase = undefined;
  }
};

try {
  await direct(); // warm both paths (connections, parser caches, JIT)
  await throughBff();
  const directMs: number[] = [];
  const bffMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const d = await measured('direct', direct);
    if (d.value !== ROWS) throw new Error(`direct read ${d.value} rows`);
    directMs.push(d.ms);
    const b = await measured('bff', throughBff);
    if (b.value !== ROWS) throw new Error(`BFF streamed ${b.value} rows`);
    bffMs.push(b.ms);
  }
  const directRate = ROWS / (median(directMs) / 1000);
  const bffRate = ROWS / (median(bffMs) / 1000);
  const ratio = bffRate / directRate;
  report(`SQL console: ${ROWS.toLocaleString('en')} rows, median of ${RUNS}`, [
    { bench: 'sql', metric: 'mysql2 direct rows/s', value: Math.round(directRate).toLocaleString('en') },
    { bench: 'sql', metric: 'through BFF rows/s', value: Math.round(bffRate).toLocaleString('en') },
    {
      bench: 'sql',
      metric: 'ratio BFF / direct',
      value: ratio.toFixed(2),
      target: '≥ 0.70',
      ok: ratio >= 0.7,
    },
    {
      bench: 'sql',
      metric: 'peak heap growth, mysql2 direct',
      value: `${(peak.direct / 2 ** 20).toFixed(0)} MB`,
    },
    {
      bench: 'sql',
      metric: 'peak heap growth, BFF streaming',
      value: `${(peak.bff / 2 ** 20).toFixed(0)} MB`,
      target: '< direct',
      ok: peak.bff < peak.direct,
    },
  ]);
} finally {
  clearInterval(sampler);
  await app.close();
  await vtgate.close();
}
