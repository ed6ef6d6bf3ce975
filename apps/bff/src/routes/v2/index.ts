// The console's own API (prefix /api/v2): typed DTOs in one vocabulary (camelCase, tablet aliases as
// `cell-0000000100`), per cluster in the path. Contract: aggregates answer partial results with one
// entry per failed source in `errors`; an unknown cluster is a 404 naming it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clustersRoute } from './clusters';
import { tabletRoute } from './tablets';
import { topologyRoute } from './topology';

export const v2Routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(clustersRoute);
  await app.register(topologyRoute);
  await app.register(tabletRoute);
};
