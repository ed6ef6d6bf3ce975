import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SchemaApplyRequest, VtctlResult } from '@vtdeck/contracts';
import { recordAudit, requireAuthorized } from '../../auth/seam';
import type { SchemaApplyOutcome } from '../../upstreams/vtctld';

/**
 * `POST /api/schema/apply`: vtctld streams text and answers 200 even when the change failed; the
 * BFF reads that text so `Error` is set whenever vtctld reported a failure. `Output` is the text.
 * Needs role dba on the keyspace; the attempt is in the audit log before the answer.
 */
export const schemaApplyRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/schema/apply',
    { schema: { body: SchemaApplyRequest, response: { 200: VtctlResult } } },
    async (request) => {
      const cluster = app.clusters.fromRequest(request).name;
      const { Keyspace, SQL, SlaveTimeoutSeconds } = request.body;
      const audited = { action: 'schema.apply', args: [SQL] };
      const target = { cluster, keyspace: Keyspace };
      await requireAuthorized(request, 'schema.change', target, audited);
      let outcome: SchemaApplyOutcome;
      try {
        outcome = await app
          .vtctld(cluster)
          .applySchema(
            { Keyspace, SQL, ...(SlaveTimeoutSeconds === undefined ? {} : { SlaveTimeoutSeconds }) },
            { requestId: request.id },
          );
      } catch (err) {
        await recordAudit(request, { ...audited, target, result: 'error', message: (err as Error).message });
        throw err;
      }
      await recordAudit(request, {
        ...audited,
        target,
        result: outcome.ok ? 'ok' : 'error',
        ...(outcome.ok ? {} : { message: outcome.error }),
      });
      if (outcome.ok || outcome.stage === 'execution') app.topology.invalidate(cluster);
      if (!outcome.ok) request.log.info({ keyspace: Keyspace, stage: outcome.stage }, 'schema change failed');
      return { Error: outcome.error, Output: outcome.text };
    },
  );
};
