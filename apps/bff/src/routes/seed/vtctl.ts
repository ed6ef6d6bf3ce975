import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VtctlCommand, VtctlResult } from '@vtdeck/contracts';
import { auditTarget, principalOf, recordAudit } from '../../auth/seam';
import { authorizeVtctl } from '../../auth/vtctl-policy';
import { forbidden } from '../../http/app-error';

/**
 * `POST /api/vtctl/`: a vtctl command line; vtctld's `{Error, Output}` comes back as is. The command
 * and every keyspace, shard or tablet it names are checked (vtctl-policy.ts) before vtctld sees
 * anything; denials and every command that is not a read are in the audit log before the answer.
 */
export const vtctlRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/vtctl/', { schema: { body: VtctlCommand, response: { 200: VtctlResult } } }, async (request) => {
    const cluster = app.clusters.fromRequest(request).name;
    const args = request.body;
    const decision = await authorizeVtctl(args, {
      principal: principalOf(request),
      policy: app.auth.policy,
      cluster,
      resolveTabletKeyspace: (alias) => app.auth.resolveTabletKeyspace(cluster, alias),
    });
    const target = auditTarget({ cluster, ...decision.targets[0] });
    if (!decision.allowed) {
      const message = decision.message ?? 'permission denied';
      await recordAudit(request, { action: 'vtctl', args, target, result: 'denied', message });
      throw forbidden(message);
    }
    if (decision.commandClass === 'read') return app.vtctld(cluster).vtctl(args, { requestId: request.id });

    try {
      const result = await app.vtctld(cluster).vtctl(args, { requestId: request.id });
      await recordAudit(request, {
        action: 'vtctl',
        args,
        target,
        result: result.Error ? 'error' : 'ok',
        ...(result.Error ? { message: result.Error } : {}),
      });
      return result;
    } catch (err) {
      // No answer from vtctld: the command may or may not have run, and the log says which we know.
      await recordAudit(request, {
        action: 'vtctl',
        args,
        target,
        result: 'error',
        message: (err as Error).message,
      });
      throw err;
    } finally {
      // Also after a reported failure: a DeleteKeyspace -recursive can fail halfway with shards gone.
      app.topology.invalidate(cluster);
    }
  });
};
