import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ClusterConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { registerSignals } from './signals';
import { instrumentUpstreams, upstreamOrigins } from './upstream';

export interface MetricsPluginOptions {
  clusters: ClusterConfig[];
  /** When set, /metrics needs `Authorization: Bearer <token>`; otherwise it is open (README.md). */
  token?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A scrape waits this long for the first poll of a monitor that was asleep. */
const FIRST_POLL_WAIT_MS = 5_000;

/**
 * `GET /metrics` in the Prometheus text format: the wall's signals per keyspace, shard, namespace,
 * route and router; the BFF's request durations; every upstream request's duration and failures; the
 * process (memory, CPU, event loop). One registry per app, so apps built side by side (tests) do not mix.
 */
export const metricsPlugin = fp<MetricsPluginOptions>(
  async (app, { clusters, token }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const http = new Histogram({
      name: 'vtdeck_http_request_duration_seconds',
      help: 'BFF answers by route (the pattern, not the URL), method and status; event streams excluded',
      labelNames: ['method', 'route', 'status_code'],
      buckets: SECONDS,
      registers: [registry],
    });
    const unsubscribe = instrumentUpstreams(upstreamOrigins(clusters), {
      duration: new Histogram({
        name: 'vtdeck_upstream_request_duration_seconds',
        help: 'Requests to upstreams until their response headers (or failure)',
        labelNames: ['cluster', 'upstream', 'router'],
        buckets: SECONDS,
        registers: [registry],
      }),
      errors: new Counter({
        name: 'vtdeck_upstream_errors_total',
        help: 'Upstream requests that failed: unreachable, timeout, tls, unauthorized, forbidden, upstream_5xx',
        labelNames: ['cluster', 'upstream', 'router', 'kind'],
        registers: [registry],
      }),
    });
    app.addHook('onClose', async () => unsubscribe());
    registerSignals(registry, app.monitor);
    app.decorate('metrics', registry);

    // Callback-style, not async: it runs on every answer (a promise per hook shows in bench/proxy.ts).
    app.addHook('onResponse', (request, reply, done) => {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('text/event-stream')) return done();
      http.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });

    const expected = token ? Buffer.from(`Bearer ${token}`) : null;
    const allowed = (request: FastifyRequest) => {
      if (!expected) return true;
      const given = Buffer.from(request.headers.authorization ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected);
    };

    app.get('/metrics', { schema: { summary: 'Prometheus metrics', hide: true } }, async (request, reply) => {
      if (!allowed(request)) {
        reply.header('www-authenticate', 'Bearer realm="vtdeck metrics"');
        throw new AppError(
          401,
          'UNAUTHENTICATED',
          '/metrics needs Authorization: Bearer <monitor.metricsToken>',
        );
      }
      // A scrape counts as someone looking: it keeps the monitors polling.
      await app.monitor.demand([...app.monitor.monitors.values()], FIRST_POLL_WAIT_MS);
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'vtdeck-metrics', fastify: '5.x', dependencies: ['vtdeck-monitor'] },
);
