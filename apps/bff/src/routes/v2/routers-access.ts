import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../auth/seam';

/**
 * Router dashboards are read-only and not scoped by keyspace or namespace, so any signed-in user may
 * read them (PERMISSIONS['router.read'] is `viewer`, the lowest role). The auth plugin already
 * answers 401 to anonymous requests on /api; this keeps the rule visible at the route.
 */
export function requireRouterRead(request: FastifyRequest): void {
  principalOf(request);
}
