import type { GrantPolicy, Principal, Role } from './grants';
import { atLeast } from './grants';
import {
  type ArgRef,
  canonicalTabletAlias,
  checkKeyspaceName,
  parseKeyspaceShard,
  parseVtctlArgs,
} from './vtctl-args';
import { type CommandClass, type CommandSpec, commandSpec } from './vtctl-commands';

/**
 * Decides whether a `POST /api/vtctl/` argument list may reach vtctld, before it is sent.
 *
 * Rules (the role is needed on EVERY keyspace the command names, however it names it):
 * - read commands need `viewer`, write and destructive commands need `dba`;
 * - a tablet alias counts as its keyspace, found through `resolveTabletKeyspace`; an alias that
 *   cannot be resolved is refused;
 * - commands whose output or effect spans all keyspaces (GetKeyspaces, ListAllTablets without
 *   `-keyspace`, Validate, GetSrvKeyspaceNames) need the role on all keyspaces;
 *   RebuildVSchemaGraph (cluster-wide) and every command not in the table need a global admin;
 * - arguments vtdeck cannot check (unknown flags, wrong counts, invalid names, wildcards) are refused.
 * A global admin may send anything, so vtctld's own error texts reach admins unchanged.
 */

export interface VtctlTarget {
  keyspace: string;
  shard?: string;
  tablet?: string;
}

export type VtctlDenyReason = 'unknown_command' | 'bad_arguments' | 'unresolved_tablet' | 'missing_role';

export interface VtctlDecision {
  allowed: boolean;
  /** argv[0] as sent ('' when absent) */
  command: string;
  commandClass: CommandClass | 'unknown';
  requiredRole: Role;
  /** every keyspace target found (for the audit log); best effort when the arguments are bad */
  targets: VtctlTarget[];
  /** for a denial: `permission denied: ...`, naming the missing permission */
  message?: string;
  reason?: VtctlDenyReason;
}

export interface VtctlPolicyContext {
  principal: Principal;
  policy: GrantPolicy;
  cluster?: string;
  /** keyspace of a tablet (alias in canonical `cell-0000000100` form); null when it does not exist */
  resolveTabletKeyspace: (alias: string) => Promise<string | null>;
}

const REQUIRED_ROLE: Record<CommandClass, Role> = { read: 'viewer', write: 'dba', destructive: 'dba' };

/** More tablet lookups than this per command are refused (DeleteTablet is variadic). */
export const MAX_TABLET_LOOKUPS = 32;

export async function authorizeVtctl(
  argv: readonly unknown[],
  ctx: VtctlPolicyContext,
): Promise<VtctlDecision> {
  const admin = ctx.policy.isGlobalAdmin(ctx.principal, ctx.cluster);
  const command = typeof argv[0] === 'string' ? argv[0] : '';
  const base = { command, targets: [] as VtctlTarget[] };

  if (!argv.every((a): a is string => typeof a === 'string') || argv.length === 0) {
    return admin
      ? { ...base, allowed: true, commandClass: 'unknown', requiredRole: 'admin' }
      : deny(
          base,
          'unknown',
          'admin',
          'bad_arguments',
          'a vtctl command must be a non-empty list of strings',
        );
  }

  const spec = commandSpec(command);
  if (!spec) {
    if (admin) return { ...base, allowed: true, commandClass: 'unknown', requiredRole: 'admin' };
    const have = ctx.policy.roleOn(ctx.principal, { cluster: ctx.cluster });
    const why = `${JSON.stringify(command)} is not a vtctl command vtdeck knows (names are case-sensitive), so it needs role admin on the whole cluster`;
    return deny(
      base,
      'unknown',
      'admin',
      'unknown_command',
      `${why}; you have ${describe(have, CLUSTER_WIDE)}`,
    );
  }

  const required = REQUIRED_ROLE[spec.class];
  const parsed = parseVtctlArgs(spec, argv.slice(1));
  const found = await collectTargets(parsed.refs, spec, ctx, admin);
  const decided = { command, commandClass: spec.class, requiredRole: required, targets: found.targets };
  if (admin) return { ...decided, allowed: true };

  const problem = parsed.problems[0] ?? found.problems[0];
  if (problem) return deny(decided, spec.class, required, 'bad_arguments', `${command} ${problem}`);
  if (found.unresolved) {
    const why = `cannot tell which keyspace tablet ${JSON.stringify(found.unresolved)} belongs to, so ${command} on it needs role admin`;
    return deny(decided, spec.class, 'admin', 'unresolved_tablet', why);
  }
  return checkRoles(spec, decided, ctx);
}

function checkRoles(
  spec: CommandSpec,
  decided: Omit<VtctlDecision, 'allowed'>,
  ctx: VtctlPolicyContext,
): VtctlDecision {
  const { command, requiredRole: required, targets } = decided;
  const scope = spec.narrowedByTargets && targets.length > 0 ? 'keyspace' : spec.scope;
  switch (scope) {
    case 'anyone':
      return { ...decided, allowed: true };
    case 'global': {
      const have = ctx.policy.roleOn(ctx.principal, { cluster: ctx.cluster });
      return have === 'admin'
        ? { ...decided, allowed: true }
        : deny(
            decided,
            spec.class,
            'admin',
            'missing_role',
            `${command} needs role admin on the whole cluster; you have ${describe(have, CLUSTER_WIDE)}`,
          );
    }
    case 'allKeyspaces': {
      const have = ctx.policy.roleOnAllKeyspaces(ctx.principal, ctx.cluster);
      if (atLeast(have, required)) return { ...decided, allowed: true };
      const why = `${command} needs role ${required} on all keyspaces (its answer covers every keyspace); you have ${describe(have, 'no role on all keyspaces')}`;
      return deny(decided, spec.class, required, 'missing_role', why);
    }
    case 'keyspace': {
      if (targets.length === 0) {
        return deny(
          decided,
          spec.class,
          required,
          'bad_arguments',
          `${command} names no keyspace, shard or tablet`,
        );
      }
      for (const t of targets) {
        const have = ctx.policy.roleOn(ctx.principal, { cluster: ctx.cluster, keyspace: t.keyspace });
        if (!atLeast(have, required)) {
          const where = t.tablet ? ` (tablet ${t.tablet})` : '';
          const why = `${command} needs role ${required} on keyspace ${JSON.stringify(t.keyspace)}${where}; you have ${describe(have)}`;
          return deny(decided, spec.class, required, 'missing_role', why);
        }
      }
      return { ...decided, allowed: true };
    }
  }
}

interface Collected {
  targets: VtctlTarget[];
  problems: string[];
  unresolved?: string;
}

async function collectTargets(
  refs: readonly ArgRef[],
  spec: CommandSpec,
  ctx: VtctlPolicyContext,
  admin: boolean,
): Promise<Collected> {
  const targets: VtctlTarget[] = [];
  const problems: string[] = [];
  const aliases: string[] = [];
  const bad = (ref: ArgRef, why: string) => problems.push(`${ref.from}: ${why}`);

  for (const ref of refs) {
    switch (ref.kind) {
      case 'keyspace': {
        const check = checkKeyspaceName(ref.value);
        if (check.ok) targets.push({ keyspace: ref.value });
        else bad(ref, wildcardHint(spec, check.why));
        break;
      }
      case 'keyspaceShard': {
        const ks = parseKeyspaceShard(ref.value);
        if (ks.ok) targets.push({ keyspace: ks.keyspace, shard: ks.shard });
        else bad(ref, wildcardHint(spec, ks.why));
        break;
      }
      case 'tablet':
      case 'tabletList': {
        const list = ref.kind === 'tablet' ? [ref.value] : ref.value.split(',').filter((a) => a !== '');
        for (const raw of list) {
          const alias = canonicalTabletAlias(raw);
          if (alias) aliases.push(alias);
          else bad(ref, `${JSON.stringify(raw)} is not a valid tablet alias (cell-uid)`);
        }
        break;
      }
      case 'servedFrom':
        for (const item of ref.value.split(',').filter((a) => a !== '')) {
          const ks = item.split(':')[1];
          const check = ks === undefined || item.split(':').length !== 2 ? null : checkKeyspaceName(ks);
          if (check?.ok && ks) targets.push({ keyspace: ks });
          else bad(ref, `${JSON.stringify(item)} is not a valid tablettype:keyspace pair`);
        }
        break;
      case 'other':
        break;
    }
  }

  const unique = [...new Set(aliases)];
  if (unique.length > MAX_TABLET_LOOKUPS && !admin) {
    problems.push(`names ${unique.length} tablets; at most ${MAX_TABLET_LOOKUPS} per command`);
    return { targets, problems };
  }
  const resolved = await Promise.all(
    unique.map((alias) =>
      ctx.resolveTabletKeyspace(alias).then(
        (keyspace) => ({ alias, keyspace }),
        () => ({ alias, keyspace: null }),
      ),
    ),
  );
  let unresolved: string | undefined;
  for (const { alias, keyspace } of resolved) {
    if (keyspace) targets.push({ keyspace, tablet: alias });
    else unresolved ??= alias;
  }
  return { targets, problems, unresolved };
}

function wildcardHint(spec: CommandSpec, why: string): string {
  return spec.wildcards && why.includes('wildcard') ? `${why}; wildcards need role admin` : why;
}

const CLUSTER_WIDE = 'no cluster-wide role';

function describe(role: Role | null, none = 'no role there'): string {
  return role ?? none;
}

function deny(
  base: { command: string; targets: VtctlTarget[] },
  commandClass: CommandClass | 'unknown',
  requiredRole: Role,
  reason: VtctlDenyReason,
  why: string,
): VtctlDecision {
  return {
    ...base,
    allowed: false,
    commandClass,
    requiredRole,
    reason,
    message: `permission denied: ${why}`,
  };
}
