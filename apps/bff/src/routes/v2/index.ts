// The console's own API (prefix /api/v2): typed DTOs in one vocabulary (camelCase, tablet aliases as
// `cell-0000000100`), per cluster in the path. Contract: aggregates answer partial results with one
// entry per failed source in `errors`; an unknown cluster is a 404 naming it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditRoute } from './audit';
import { clustersRoute } from './clusters';
import { k8sRoutes } from './k8s';
import { routersRoute } from './routers';
import { routerRoutesRoute } from './routers-routes';
import { sessionRoutes } from './session';
import { oidcRoutes } from './session-oidc';
import { tabletRoute } from './tablets';
import { topologyRoute } from './topology';

export const v2Routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(sessionRoutes);
  await app.register(oidcRoutes);
  await app.register(auditRoute);
  await app.register(clustersRoute);
  await app.register(topologyRoute);
  await app.register(tabletRoute);
  await app.register(routersRoute);
  await app.register(routerRoutesRoute);
  await app.register(k8sRoutes, { prefix: '/clusters/:cluster/k8s' });
};
