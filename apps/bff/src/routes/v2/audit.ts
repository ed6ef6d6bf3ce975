import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '@vtdeck/contracts';
import { AuditCursorError } from '../../auth/audit-log';
import { requireAuthorized } from '../../auth/seam';
import { badRequest } from '../../http/app-error';

/** `GET /api/v2/audit[?user=&keyspace=&since=&until=&limit=&cursor=]`: newest first, global admins only. */
export const auditRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    { schema: { querystring: AuditQuery, response: { 200: AuditPage } } },
    async (request) => {
      await requireAuthorized(request, 'audit.read', {}, { action: 'audit.read' });
      const { since, until } = request.query;
      if (since && until && Date.parse(since) > Date.parse(until)) {
        throw badRequest('querystring/since must not be after querystring/until');
      }
      try {
        return await app.auth.audit.query(request.query);
      } catch (err) {
        if (err instanceof AuditCursorError) throw badRequest(`querystring/cursor: ${err.message}`);
        throw err;
      }
    },
  );
};
