// The floor of the BFF's approach, for the proxy bench: the two seed routes as a bare Fastify app
// calling vtctld through an undici keep-alive pool (the throwaway prototype), with none of
// the BFF's auth, permission check, headers, metrics or validation. BFF ÷ this is what those cost.
// Started by startBareProxy() with the vtctld URL in VTDECK_BENCH_UPSTREAM; tells its URL over IPC.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type Fastify from 'fastify';
import type { Pool as UndiciPool } from 'undici';

// Fastify and undici are the BFF's dependencies (bench/ has none of its own).
const bffRequire = createRequire(new URL('../../apps/bff/package.json', import.meta.url));
const fastify = bffRequire('fastify') as typeof Fastify;
const { Pool } = bffRequire('undici') as { Pool: typeof UndiciPool };

const pool = new Pool(process.env.VTDECK_BENCH_UPSTREAM!, { connections: 32, pipelining: 1 });
const app = fastify({ logger: false });
app.get('/api/keyspaces/', async () => {
  const res = await pool.request({ path: '/api/keyspaces/', method: 'GET' });
  return JSON.parse(await res.body.text());
});
app.post('/api/vtctl/', async (request) => {
  const res = await pool.request({
    path: '/api/vtctl/',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });
  return JSON.parse(await res.body.text());
});
await app.listen({ host: '127.0.0.1', port: 0 });
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.send?.({ type: 'listening', url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
