// What routes use to ask "may this request do that?" and to write the audit log. Contract: every
// route that changes something (and every list of keyspaces) goes through here before it reaches an
// upstream; a denial is written to the audit log before the 403 is answered, and so is every change
// (`recordAudit` after the upstream answered, before the route returns).
import type { FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../http/app-error';
import type { AuditTarget, NewAuditEntry } from './audit-log';
import { PERMISSIONS, type Permission, type Principal, type Target } from './grants';

export type { Permission, Principal };

export interface AuthTarget extends Target {
  shard?: string;
  tablet?: string;
}

/** The signed-in principal; only public routes can get here without one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED', 'sign in first');
  return request.auth.principal;
}

export async function authorize(
  request: FastifyRequest,
  action: Permission,
  target: AuthTarget,
): Promise<boolean> {
  return request.server.auth.policy.can(principalOf(request), action, target);
}

/** Only the keyspaces the principal may see. */
export async function visibleKeyspaces(
  request: FastifyRequest,
  cluster: string,
  names: readonly string[],
): Promise<string[]> {
  return request.server.auth.policy.visibleKeyspaces(principalOf(request), names, cluster);
}

export interface AuditedAction {
  /** e.g. `schema.apply`; default: the permission */
  action?: string;
  args?: string[];
}

/** `authorize`, or (after writing the denial to the audit log) a 403 naming the missing permission. */
export async function requireAuthorized(
  request: FastifyRequest,
  permission: Permission,
  target: AuthTarget,
  audited: AuditedAction = {},
): Promise<void> {
  if (await authorize(request, permission, target)) return;
  const need = PERMISSIONS[permission];
  const have = request.server.auth.policy.roleOn(principalOf(request), target);
  const message = `permission denied: ${permission} needs role ${need} on ${describeTarget(target)}; you have ${have ?? 'no role there'}`;
  await recordAudit(request, {
    action: audited.action ?? permission,
    args: audited.args ?? [],
    target: auditTarget(target),
    result: 'denied',
    message,
  });
  throw forbidden(message);
}

/** Appends one entry for the request's principal; resolves once it is on disk. */
export async function recordAudit(
  request: FastifyRequest,
  entry: Omit<NewAuditEntry, 'user' | 'authVia' | 'requestId'>,
): Promise<void> {
  const auth = request.auth;
  await request.server.auth.audit.append({
    user: auth?.principal.name ?? 'anonymous',
    authVia: auth?.via ?? 'cookie',
    requestId: request.id,
    ...entry,
  });
}

export function auditTarget(target: AuthTarget & { cluster?: string }): AuditTarget {
  const out: AuditTarget = { cluster: target.cluster ?? '' };
  if (target.keyspace !== undefined) out.keyspace = target.keyspace;
  if (target.shard !== undefined) out.shard = target.shard;
  if (target.tablet !== undefined) out.tablet = target.tablet;
  if (target.namespace !== undefined) out.namespace = target.namespace;
  return out;
}

function describeTarget(t: AuthTarget): string {
  const parts: string[] = [];
  if (t.keyspace !== undefined) parts.push(`keyspace ${JSON.stringify(t.keyspace)}`);
  if (t.namespace !== undefined) parts.push(`namespace ${JSON.stringify(t.namespace)}`);
  if (parts.length === 0) return t.cluster ? `the whole cluster ${t.cluster}` : 'every cluster';
  return `${parts.join(', ')}${t.cluster ? ` in cluster ${t.cluster}` : ''}`;
}
