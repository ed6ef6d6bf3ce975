// The authorization seam of the foundation. Contract: `request.principal` is set on every request,
// and every route that changes something (and the keyspace list) asks `authorize` before it
// reaches an upstream. For now everyone is an anonymous admin and everything is allowed; the auth
// issue fills in `resolvePrincipal` and `authorize` (with grants.ts) without touching the routes.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden } from '../http/app-error';
import type { Permission, Principal, Target } from './grants';

export type { Permission, Principal };

/** What an action touches; vtctl routes add the command line so its target can be checked. */
export interface AuthTarget extends Target {
  shard?: string;
  tablet?: string;
  command?: readonly string[];
}

export const ANONYMOUS_ADMIN: Principal = Object.freeze({
  kind: 'user',
  name: 'anonymous',
  groups: ['admins'],
});

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

function resolvePrincipal(_request: FastifyRequest): Principal {
  return ANONYMOUS_ADMIN;
}

/**
 * May the request's principal do `action` on `target`? Async because the real check may need to
 * look things up (e.g. which keyspace a tablet alias of a vtctl command belongs to).
 */
export async function authorize(
  _request: FastifyRequest,
  _action: Permission,
  _target: AuthTarget,
): Promise<boolean> {
  return true;
}

/** Only the names `authorize` lets the principal see. */
export async function visibleKeyspaces(
  request: FastifyRequest,
  cluster: string,
  names: readonly string[],
): Promise<string[]> {
  const allowed = await Promise.all(
    names.map((keyspace) => authorize(request, 'keyspace.read', { cluster, keyspace })),
  );
  return names.filter((_, i) => allowed[i]);
}

/** `authorize`, or a 403 naming what was refused. */
export async function requireAuthorized(
  request: FastifyRequest,
  action: Permission,
  target: AuthTarget,
): Promise<void> {
  if (!(await authorize(request, action, target))) {
    const on = [target.cluster, target.keyspace, target.shard, target.tablet].filter(Boolean).join('/');
    throw forbidden(`${request.principal.name} may not ${action}${on ? ` on ${on}` : ''}`);
  }
}

export const authSeamPlugin = fp(
  async (app) => {
    app.decorateRequest('principal', null as unknown as Principal);
    app.addHook('onRequest', async (request) => {
      request.principal = resolvePrincipal(request);
    });
  },
  { name: 'vtdeck-auth', fastify: '5.x' },
);
