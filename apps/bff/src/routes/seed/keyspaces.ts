import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NameList } from '@vtdeck/contracts';
import { visibleKeyspaces } from '../../auth/seam';

/** `GET /api/keyspaces/`: the keyspace names the caller may see (the seed asks for exactly this). */
export const keyspacesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/keyspaces/', { schema: { response: { 200: NameList } } }, async (request) => {
    const cluster = app.clusters.fromRequest(request).name;
    const names = await app.vtctld(cluster).keyspaceNames({ requestId: request.id });
    return visibleKeyspaces(request, cluster, names);
  });
};
