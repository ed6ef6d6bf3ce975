import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VtctlCommand, VtctlResult } from '@vtdeck/contracts';
import { requireAuthorized } from '../../auth/seam';
import { isReadOnlyCommand } from '../../upstreams/vtctld';

/** `POST /api/vtctl/`: a vtctl command line; vtctld's `{Error, Output}` comes back as is. */
export const vtctlRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/vtctl/', { schema: { body: VtctlCommand, response: { 200: VtctlResult } } }, async (request) => {
    const cluster = app.clusters.fromRequest(request).name;
    const args = request.body;
    const readOnly = isReadOnlyCommand(args[0]);
    await requireAuthorized(request, readOnly ? 'vtctl.read' : 'vtctl.write', { cluster, command: args });
    const result = await app.vtctld(cluster).vtctl(args, { requestId: request.id });
    // Also after a reported failure: a DeleteKeyspace -recursive can fail halfway with shards gone.
    if (!readOnly) app.topology.invalidate(cluster);
    return result;
  });
};
