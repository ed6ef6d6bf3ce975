import type { SessionGrant } from '@vtdeck/contracts';

export type ScopePart = { kind: 'keyspaces' | 'namespaces' | 'clusters'; names: string };

/** What one grant covers, in parts a translator can word: no keyspaces and no namespaces = everything. */
export function grantScope(g: SessionGrant): ScopePart[] | 'everything' {
  const parts: ScopePart[] = [];
  if (g.keyspaces) parts.push({ kind: 'keyspaces', names: g.keyspaces.join(', ') });
  if (g.namespaces) parts.push({ kind: 'namespaces', names: g.namespaces.join(', ') });
  if (g.keyspaces === undefined && g.namespaces === undefined && !g.clusters) return 'everything';
  if (g.clusters) parts.push({ kind: 'clusters', names: g.clusters.join(', ') });
  return parts;
}

const RANK = { viewer: 0, developer: 1, dba: 2, admin: 3 } as const;

/** Strongest grant first, so the menu's first line is the one that matters most. */
export function sortGrants(grants: readonly SessionGrant[]): SessionGrant[] {
  return [...grants].sort((a, b) => RANK[b.role] - RANK[a.role]);
}
