import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness, type UpstreamProbe } from '@vtdeck/contracts';
import { isUpstreamError } from '../upstreams/upstream-error';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process answers. `/readyz`: 200 as soon as the config is loaded, with each
 * upstream's reachability in the body; one dead upstream must not pull every replica out of its
 * Service, since the rest of the console keeps working without it.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { response: { 200: Readiness } } }, async (request) => {
    const upstreams = await Promise.all(
      app.clusters.list.map(async (cluster): Promise<UpstreamProbe> => {
        const client = app.vtctld(cluster.name);
        const started = performance.now();
        const probe = { cluster: cluster.name, source: 'vtctld', url: client.url };
        try {
          await client.cells({
            requestId: request.id,
            timeoutMs: Math.min(PROBE_TIMEOUT_MS, cluster.vtctld.timeoutMs),
          });
          return { ...probe, reachable: true, latencyMs: elapsed(started) };
        } catch (err) {
          if (!isUpstreamError(err)) throw err;
          // Reachable means "answers HTTP": a vtctld that answers 500 is up but unwell.
          const reachable = err.kind !== 'unreachable' && err.kind !== 'timeout';
          return { ...probe, reachable, latencyMs: elapsed(started), kind: err.kind, message: err.message };
        }
      }),
    );
    return { status: 'ready' as const, upstreams };
  });
};

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
