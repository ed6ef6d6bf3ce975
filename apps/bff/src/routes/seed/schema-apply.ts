import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SchemaApplyRequest, VtctlResult } from '@vtdeck/contracts';
import { requireAuthorized } from '../../auth/seam';

/**
 * `POST /api/schema/apply`: vtctld streams text and answers 200 even when the change failed; the
 * BFF reads that text so `Error` is set whenever vtctld reported a failure. `Output` is the text.
 */
export const schemaApplyRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/schema/apply',
    { schema: { body: SchemaApplyRequest, response: { 200: VtctlResult } } },
    async (request) => {
      const cluster = app.clusters.fromRequest(request).name;
      const { Keyspace, SQL, SlaveTimeoutSeconds } = request.body;
      await requireAuthorized(request, 'schema.change', { cluster, keyspace: Keyspace });
      const outcome = await app
        .vtctld(cluster)
        .applySchema(
          { Keyspace, SQL, ...(SlaveTimeoutSeconds === undefined ? {} : { SlaveTimeoutSeconds }) },
          { requestId: request.id },
        );
      if (outcome.ok || outcome.stage === 'execution') app.topology.invalidate(cluster);
      if (!outcome.ok) request.log.info({ keyspace: Keyspace, stage: outcome.stage }, 'schema change failed');
      return { Error: outcome.error, Output: outcome.text };
    },
  );
};
