import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClusterParams,
  RouterDetail,
  RouterHistory,
  RouterHistoryQuery,
  RouterList,
  RouterParams,
} from '@vtdeck/contracts';
import { requireRouterRead } from './routers-access';

/**
 * `GET /api/v2/clusters/{cluster}/routers` (every Router at a glance), `/routers/{router}` (its latest
 * poll) and `/routers/{router}/history` (the chart samples). All answers come from the shared pollers,
 * so viewers never add calls to the Routers.
 */
export const routersRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:cluster/routers',
    { schema: { params: ClusterParams, response: { 200: RouterList } } },
    async (request) => {
      requireRouterRead(request);
      const cluster = app.clusters.get(request.params.cluster).name;
      const pollers = app.routerPollers.list(cluster);
      // A Router not polled yet (the app just started) is worth waiting for once, briefly.
      await Promise.all(pollers.map((p) => p.snapshot().catch(() => undefined)));
      return {
        items: pollers.map((p) => p.summary()),
        errors: pollers.flatMap((p) => p.errors()),
      };
    },
  );

  app.get(
    '/clusters/:cluster/routers/:router',
    { schema: { params: RouterParams, response: { 200: RouterDetail } } },
    async (request) => {
      requireRouterRead(request);
      const cluster = app.clusters.get(request.params.cluster).name;
      const poller = app.routerPollers.get(cluster, request.params.router);
      const snapshot = await poller.snapshot();
      return { ...snapshot, pollIntervalMs: poller.options.intervalMs };
    },
  );

  app.get(
    '/clusters/:cluster/routers/:router/history',
    { schema: { params: RouterParams, querystring: RouterHistoryQuery, response: { 200: RouterHistory } } },
    async (request) => {
      requireRouterRead(request);
      const cluster = app.clusters.get(request.params.cluster).name;
      return app.routerPollers.get(cluster, request.params.router).history(request.query.since);
    },
  );
};
