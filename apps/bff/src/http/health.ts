import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness, type UpstreamProbe } from '@vtdeck/contracts';
import type { FastifyInstance } from 'fastify';
import { isUpstreamError, UpstreamError } from '../upstreams/upstream-error';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process answers. `/readyz`: 200 as soon as the config is loaded, with each
 * upstream's reachability in the body (every cluster's vtctld, Kubernetes API, vtgate and Routers,
 * probed in parallel, 2 s at most each); one dead upstream must not pull every replica out of its
 * Service, since the rest of the console keeps working without it. While the BFF shuts down,
 * Fastify answers 503 here (and everywhere), so the Service stops sending new requests.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { response: { 200: Readiness } } }, async (request) => ({
    status: 'ready' as const,
    upstreams: await Promise.all(probes(app, request.id)),
  }));
};

interface Probe {
  base: Omit<UpstreamProbe, 'reachable' | 'latencyMs' | 'kind' | 'message'>;
  run: (timeoutMs: number) => Promise<unknown>;
  timeoutMs: number;
}

function probes(app: FastifyInstance, requestId: string): Promise<UpstreamProbe>[] {
  const list: Probe[] = [];
  for (const cluster of app.clusters.list) {
    const vtctld = app.vtctld(cluster.name);
    list.push({
      base: { cluster: cluster.name, source: 'vtctld', url: vtctld.url },
      run: (timeoutMs) => vtctld.cells({ requestId, timeoutMs }),
      timeoutMs: Math.min(PROBE_TIMEOUT_MS, cluster.vtctld.timeoutMs),
    });
    if (cluster.kubernetes) {
      const kube = app.kube(cluster.name, requestId);
      list.push({
        base: { cluster: cluster.name, source: 'kubernetes', url: kube.server },
        run: () => kube.version(),
        timeoutMs: PROBE_TIMEOUT_MS,
      });
    }
    if (cluster.vtgate) {
      const vtgate = app.vtgate(cluster.name);
      list.push({
        base: { cluster: cluster.name, source: 'vtgate', url: withoutCredentials(cluster.vtgate.url) },
        run: () => vtgate.query('SELECT 1'),
        timeoutMs: PROBE_TIMEOUT_MS,
      });
    }
    for (const router of app.routerClients.list(cluster.name)) {
      list.push({
        base: { cluster: cluster.name, source: 'router', name: router.name, url: router.url },
        run: (timeoutMs) => router.routerStatus({ requestId, timeoutMs }),
        timeoutMs: PROBE_TIMEOUT_MS,
      });
    }
  }
  return list.map(runProbe);
}

async function runProbe({ base, run, timeoutMs }: Probe): Promise<UpstreamProbe> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  // Not every client takes a deadline (vtgate's pool, client-node's own 10 s): the probe keeps its own.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UpstreamError({
            source: base.source,
            cluster: base.cluster,
            kind: 'timeout',
            message: `${base.source} of cluster ${base.cluster} did not answer within ${timeoutMs} ms`,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([run(timeoutMs), deadline]);
    return { ...base, reachable: true, latencyMs: elapsed(started) };
  } catch (err) {
    if (!isUpstreamError(err)) throw err;
    // Reachable means "answers": a vtctld that answers 500 is up but unwell.
    const reachable = err.kind !== 'unreachable' && err.kind !== 'timeout' && err.kind !== 'tls';
    return { ...base, reachable, latencyMs: elapsed(started), kind: err.kind, message: err.message };
  } finally {
    clearTimeout(timer);
  }
}

function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1');
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
