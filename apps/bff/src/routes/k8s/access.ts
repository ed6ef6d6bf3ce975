import type { FastifyRequest } from 'fastify';
import { auditTarget, principalOf, recordAudit, requireAuthorized } from '../../auth/seam';

// Namespace grants and the audit trail of the cluster routes. Reads need `namespace.read` (viewer) on
// the namespace, creates `k8s.write` and deletes `k8s.delete` (dba). Every create, delete and scale,
// allowed or refused, is in the audit log before the answer goes out.

/** Only the namespaces the request may read. */
export function visibleNamespaces(
  request: FastifyRequest,
  cluster: string,
  names: readonly string[],
): string[] {
  const who = principalOf(request);
  return names.filter((namespace) =>
    request.server.auth.policy.can(who, 'namespace.read', { cluster, namespace }),
  );
}

/** A read: 403 unless the namespace is granted. */
export function requireRead(request: FastifyRequest, cluster: string, namespace: string): Promise<void> {
  return requireAuthorized(request, 'namespace.read', { cluster, namespace });
}

export interface Change {
  /** e.g. `k8s.pods.create` */
  action: string;
  cluster: string;
  namespace: string;
  /** what was asked: kind/name and the creator's fields */
  args: string[];
}

/**
 * A change: checks the grant (a denial is audited by `requireAuthorized`), runs it, and records the
 * outcome (ok, or error with the upstream's message) before the caller answers.
 */
export async function audited<T>(
  request: FastifyRequest,
  permission: 'k8s.write' | 'k8s.delete',
  change: Change,
  run: () => Promise<T>,
): Promise<T> {
  const target = { cluster: change.cluster, namespace: change.namespace };
  await requireAuthorized(request, permission, target, { action: change.action, args: change.args });
  const entry = { action: change.action, args: change.args, target: auditTarget(target) };
  try {
    const result = await run();
    await recordAudit(request, { ...entry, result: 'ok' });
    return result;
  } catch (err) {
    await recordAudit(request, { ...entry, result: 'error', message: (err as Error).message });
    throw err;
  }
}
