import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterParams, MonitorSnapshot, MonitorStreamQuery } from '@vtdeck/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/seam';
import type { Viewer } from './hub';
import { SseStream } from './sse';

/** How long the browser waits before reconnecting by itself after a stream ends. */
const RETRY_MS = 2_000;
/** What the OpenAPI document says a stream answers (Fastify never serialises a stream). */
const EVENT_STREAM = {
  200: {
    description:
      'text/event-stream: `snapshot` (MonitorSnapshot), then `update` (MonitorUpdate) after every poll, `heartbeat` between; ids are `<epoch>-<seq>`',
    type: 'string',
  },
} as const;
/** A snapshot request waits this long for a cluster's first poll. */
const FIRST_POLL_WAIT_MS = 10_000;

/**
 * The wall's routes (prefix /api/v2). Any signed-in user may read them: tiles, sparklines and the
 * timeline are summed over the keyspaces and namespaces the user's grants show (README.md).
 *   GET /monitor, /clusters/{cluster}/monitor                 JSON snapshot
 *   GET /monitor/stream, /clusters/{cluster}/monitor/stream   Server-Sent Events
 */
export const monitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const snapshot = async (request: FastifyRequest, cluster?: string) => {
    const who = principalOf(request);
    const monitors = app.monitor.scope(cluster);
    await app.monitor.demand(monitors, FIRST_POLL_WAIT_MS);
    return app.monitor.snapshot(monitors, app.monitor.visibilityOf(who, app.auth.policy));
  };

  const stream = (
    request: FastifyRequest,
    reply: FastifyReply,
    query: MonitorStreamQuery,
    cluster?: string,
  ) => {
    const who = principalOf(request);
    const monitors = app.monitor.scope(cluster);
    const header = request.headers['last-event-id'];
    // The header is what EventSource resends by itself; the query serves a client that starts over.
    const lastEventId = (Array.isArray(header) ? header[0] : header) || query.lastEventId;
    const sse = new SseStream(reply);
    sse.open(RETRY_MS);
    const viewer: Viewer = {
      vis: app.monitor.visibilityOf(who, app.auth.policy),
      clusters: new Set(monitors.map((m) => m.cluster)),
      send: (frame) => sse.write(frame),
      end: () => sse.end(),
    };
    app.monitor.attach(viewer, monitors, lastEventId);
    // Streams end now and then (±10 %, so screens do not all come back at once): the reconnect
    // renews the session cookie and lets a load balancer spread viewers over replicas.
    const maxAge = app.monitor.settings.streamMaxAgeMs * (0.9 + Math.random() * 0.2);
    const timer = setTimeout(() => sse.end(), maxAge);
    timer.unref();
    sse.onClose(() => {
      clearTimeout(timer);
      app.monitor.detach(viewer);
    });
    return reply;
  };

  app.get(
    '/monitor',
    { schema: { summary: 'Monitoring wall of every cluster', response: { 200: MonitorSnapshot } } },
    (request) => snapshot(request),
  );
  app.get(
    '/clusters/:cluster/monitor',
    {
      schema: {
        summary: 'Monitoring wall of one cluster',
        params: ClusterParams,
        response: { 200: MonitorSnapshot },
      },
    },
    (request) => snapshot(request, app.clusters.get(request.params.cluster).name),
  );
  app.get(
    '/monitor/stream',
    {
      schema: {
        summary: 'Monitoring wall of every cluster, as Server-Sent Events (snapshot, update, heartbeat)',
        querystring: MonitorStreamQuery,
        response: EVENT_STREAM,
      },
    },
    async (request, reply) => stream(request, reply, request.query),
  );
  app.get(
    '/clusters/:cluster/monitor/stream',
    {
      schema: {
        summary: 'Monitoring wall of one cluster, as Server-Sent Events (snapshot, update, heartbeat)',
        params: ClusterParams,
        querystring: MonitorStreamQuery,
        response: EVENT_STREAM,
      },
    },
    async (request, reply) =>
      stream(request, reply, request.query, app.clusters.get(request.params.cluster).name),
  );
};
