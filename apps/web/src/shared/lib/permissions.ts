import {
  atLeast,
  createGrantPolicy,
  type Grant,
  globMatch,
  PERMISSIONS,
  type Permission,
  type Principal,
  type Role,
  type SessionGrant,
  type SessionInfo,
  type Target,
} from '@vtdeck/contracts';

export type { Permission, Role, Target };

/**
 * What the signed-in user may do, for deciding what to show. The policy is the BFF's own
 * (`access.ts` in @vtdeck/contracts); the BFF checks every request again, so a button shown here
 * can still answer 403, and that is shown as it comes.
 */
export interface Permissions {
  /** Highest role on the target (a keyspace, a namespace); no keyspace and no namespace = the global role. */
  roleOn(target?: Target): Role | null;
  can(permission: Permission, target?: Target): boolean;
  /** Whether the permission holds on at least some keyspace: offer "create keyspace" before a name is typed. */
  canOnSomeKeyspace(permission: Permission): boolean;
  /** A global admin (the only one who reads the audit log). */
  isAdmin: boolean;
}

// The session lists only the grants that apply to its principal, so each binds to everyone here.
const asGrant = (g: SessionGrant): Grant => ({ ...g, subjects: ['*'] });

const coversCluster = (g: SessionGrant, cluster: string | undefined) =>
  g.clusters === undefined || (cluster !== undefined && g.clusters.some((p) => globMatch(p, cluster)));

/** @param cluster the cluster the page acts on; a target without its own cluster is taken to be there. */
export function permissionsFor(session: SessionInfo | null | undefined, cluster?: string): Permissions {
  const grants = session?.grants ?? [];
  const policy = createGrantPolicy(grants.map(asGrant));
  const who: Principal = session
    ? { kind: session.user.kind, name: session.user.name, groups: session.user.groups }
    : { kind: 'user', name: '', groups: [] };
  const at = (target: Target = {}): Target => ({ cluster, ...target });
  const roleOn = (target?: Target) => (session ? policy.roleOn(who, at(target)) : null);
  return {
    roleOn,
    can: (permission, target) => atLeast(roleOn(target), PERMISSIONS[permission]),
    canOnSomeKeyspace: (permission) =>
      grants.some(
        (g) =>
          atLeast(g.role, PERMISSIONS[permission]) &&
          coversCluster(g, cluster) &&
          ((g.keyspaces === undefined && g.namespaces === undefined) || (g.keyspaces?.length ?? 0) > 0),
      ),
    isAdmin: !!session && policy.isGlobalAdmin(who),
  };
}
