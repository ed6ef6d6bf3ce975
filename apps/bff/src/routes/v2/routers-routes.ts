import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BlockedHosts, RouteConnections, RouteDetail, RouteParams } from '@vtdeck/contracts';
import { requireRouterRead } from './routers-access';

/**
 * One route of a Router: `/routes/{route}` (config, status, health, destinations and blocked hosts),
 * `/routes/{route}/connections` (polled only while someone asks, see ConnectionWatch) and
 * `/routes/{route}/blocked-hosts`.
 */
export const routerRoutesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const resolve = async (params: RouteParams) => {
    const cluster = app.clusters.get(params.cluster).name;
    const poller = app.routerPollers.get(cluster, params.router);
    const snapshot = await poller.snapshot();
    const route = snapshot.routes.find((r) => r.name === params.route);
    if (!route) throw poller.unknownRoute(params.route, snapshot);
    return { poller, snapshot, route };
  };

  app.get(
    '/clusters/:cluster/routers/:router/routes/:route',
    { schema: { params: RouteParams, response: { 200: RouteDetail } } },
    async (request) => {
      requireRouterRead(request);
      const { poller, snapshot, route } = await resolve(request.params);
      const blockedHosts = await poller.client.routeBlockedHosts(route.name, { requestId: request.id });
      return { router: snapshot.name, polledAt: snapshot.polledAt, route, blockedHosts };
    },
  );

  app.get(
    '/clusters/:cluster/routers/:router/routes/:route/connections',
    { schema: { params: RouteParams, response: { 200: RouteConnections } } },
    async (request) => {
      requireRouterRead(request);
      const { poller, route } = await resolve(request.params);
      return poller.connections(route.name);
    },
  );

  app.get(
    '/clusters/:cluster/routers/:router/routes/:route/blocked-hosts',
    { schema: { params: RouteParams, response: { 200: BlockedHosts } } },
    async (request) => {
      requireRouterRead(request);
      const { poller, route } = await resolve(request.params);
      return { items: await poller.client.routeBlockedHosts(route.name, { requestId: request.id }) };
    },
  );
};
