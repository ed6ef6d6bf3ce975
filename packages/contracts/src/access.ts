import { type Static, Type } from 'typebox';

/**
 * Roles and grants: who may do what on which keyspace or namespace. Pure and browser-safe: the BFF
 * enforces with this code and the web decides what to show with the same code (the BFF stays the
 * authority and checks every request again).
 *
 * A grant binds subjects (`user:alice`, `group:dbas`, `sa:ci`, or `*` for every signed-in principal)
 * to one role on name patterns. Patterns are exact-case globs where `*` matches any run of
 * characters (Vitess keyspace names are case-sensitive: `Customer` does not match `customer*`).
 *
 * Scope of a grant:
 * - no `keyspaces` and no `namespaces`: everything (the only way to be a *global* role, e.g. admin);
 * - otherwise each list covers only its own kind: a grant with `keyspaces` only gives no namespace,
 *   and `["*"]` is the explicit "all of this kind";
 * - `clusters` (optional) narrows any grant to some clusters; absent means every cluster.
 */

export const ROLES = ['viewer', 'developer', 'dba', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = Type.Union(
  [Type.Literal('viewer'), Type.Literal('developer'), Type.Literal('dba'), Type.Literal('admin')],
  { description: 'viewer < developer < dba < admin' },
);

/** Keyspace, namespace and cluster names, plus `*`. No `/`, `.`, `%` or spaces: those are never names. */
export const NamePatternSchema = Type.String({ pattern: '^[A-Za-z0-9_*-]{1,64}$' });

export const SubjectSchema = Type.String({
  pattern: '^(\\*|(user|group|sa):[A-Za-z0-9][A-Za-z0-9._@-]{0,127})$',
  description: '`user:<name>`, `group:<name>`, `sa:<service account>` or `*` (every signed-in principal)',
});

export const GrantSchema = Type.Object(
  {
    subjects: Type.Array(SubjectSchema, { minItems: 1 }),
    role: RoleSchema,
    keyspaces: Type.Optional(Type.Array(NamePatternSchema)),
    namespaces: Type.Optional(Type.Array(NamePatternSchema)),
    clusters: Type.Optional(Type.Array(NamePatternSchema)),
  },
  { additionalProperties: false },
);
export type Grant = Static<typeof GrantSchema>;

/** Who is asking. Built by `users.ts` from a password, a token or an OIDC sign-in, or from a session. */
export interface Principal {
  kind: 'user' | 'serviceAccount';
  name: string;
  groups: readonly string[];
}

export interface Target {
  cluster?: string;
  keyspace?: string;
  namespace?: string;
}

/** What a route asks for; each permission needs a minimum role on its target. */
export const PERMISSIONS = {
  'keyspace.read': 'viewer',
  'namespace.read': 'viewer',
  'sql.read': 'developer',
  'sql.write': 'developer',
  'schema.change': 'dba',
  'vtctl.read': 'viewer',
  'vtctl.write': 'dba',
  'vtctl.destructive': 'dba',
  'k8s.write': 'dba',
  'k8s.delete': 'dba',
  'router.read': 'viewer',
  'audit.read': 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function atLeast(have: Role | null, need: Role): boolean {
  return have !== null && roleRank(have) >= roleRank(need);
}

function higher(a: Role | null, b: Role): Role {
  return a === null || roleRank(b) > roleRank(a) ? b : a;
}

/** Exact-case glob: `*` matches any run (also empty); every other character matches itself. */
export function globMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (name.length < first.length + last.length) return false;
  if (!name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Whether the grant names the principal (by user, service account, group, or `*`). */
export function grantAppliesTo(grant: Grant, who: Principal): boolean {
  return grant.subjects.some((s) => {
    if (s === '*') return true;
    if (who.kind === 'user' && s === `user:${who.name}`) return true;
    if (who.kind === 'serviceAccount' && s === `sa:${who.name}`) return true;
    return s.startsWith('group:') && who.groups.includes(s.slice('group:'.length));
  });
}

function matchesCluster(grant: Grant, cluster: string | undefined): boolean {
  if (grant.clusters === undefined) return true;
  return cluster !== undefined && grant.clusters.some((p) => globMatch(p, cluster));
}

function isUnrestricted(grant: Grant): boolean {
  return grant.keyspaces === undefined && grant.namespaces === undefined;
}

// A pattern only ever matches a plain name: `customer*` must not match `customer/../commerce`.
const PLAIN_NAME = /^[A-Za-z0-9_-]{1,253}$/;

function coversTarget(grant: Grant, target: Target): boolean {
  if (!matchesCluster(grant, target.cluster)) return false;
  if (isUnrestricted(grant)) return true;
  if (target.keyspace === undefined && target.namespace === undefined) return false;
  if (target.keyspace !== undefined && !PLAIN_NAME.test(target.keyspace)) return false;
  if (target.namespace !== undefined && !PLAIN_NAME.test(target.namespace)) return false;
  if (target.keyspace !== undefined) {
    const ks = target.keyspace;
    if (!grant.keyspaces?.some((p) => globMatch(p, ks))) return false;
  }
  if (target.namespace !== undefined) {
    const ns = target.namespace;
    if (!grant.namespaces?.some((p) => globMatch(p, ns))) return false;
  }
  return true;
}

export interface GrantPolicy {
  /** Highest role on the target; a target without keyspace and namespace asks for a global role. */
  roleOn(who: Principal, target: Target): Role | null;
  /** Highest role that covers every keyspace (grants with no patterns or `keyspaces: ["*"]`). */
  roleOnAllKeyspaces(who: Principal, cluster?: string): Role | null;
  can(who: Principal, permission: Permission, target: Target): boolean;
  isGlobalAdmin(who: Principal, cluster?: string): boolean;
  visibleKeyspaces(who: Principal, names: readonly string[], cluster?: string): string[];
  visibleNamespaces(who: Principal, names: readonly string[], cluster?: string): string[];
}

export function createGrantPolicy(grants: readonly Grant[]): GrantPolicy {
  const roleOn = (who: Principal, target: Target): Role | null => {
    let best: Role | null = null;
    for (const g of grants) {
      if (grantAppliesTo(g, who) && coversTarget(g, target)) best = higher(best, g.role);
    }
    return best;
  };
  const roleOnAllKeyspaces = (who: Principal, cluster?: string): Role | null => {
    let best: Role | null = null;
    for (const g of grants) {
      if (!grantAppliesTo(g, who) || !matchesCluster(g, cluster)) continue;
      if (isUnrestricted(g) || g.keyspaces?.includes('*')) best = higher(best, g.role);
    }
    return best;
  };
  const visible = (
    who: Principal,
    names: readonly string[],
    key: 'keyspace' | 'namespace',
    cluster?: string,
  ) => names.filter((name) => atLeast(roleOn(who, { cluster, [key]: name }), 'viewer'));

  return {
    roleOn,
    roleOnAllKeyspaces,
    can: (who, permission, target) => atLeast(roleOn(who, target), PERMISSIONS[permission]),
    isGlobalAdmin: (who, cluster) => roleOn(who, { cluster }) === 'admin',
    visibleKeyspaces: (who, names, cluster) => visible(who, names, 'keyspace', cluster),
    visibleNamespaces: (who, names, cluster) => visible(who, names, 'namespace', cluster),
  };
}
