import type {
  Breach,
  KubernetesTile,
  MonitorMetric,
  RoutersTile,
  SourceError,
  TileState,
  TopologyTile,
} from '@vtdeck/contracts';
import type { PodFacts, RouterFacts, SourceState, TopologyFacts } from './facts';
import type { Threshold } from './settings';

// Tiles as one viewer sees them: counts summed over the keyspaces and namespaces that viewer may
// see, coloured by the configured thresholds. Pure functions of the shared state.

/** What a viewer may see; one per principal, remembered by the hub (grants do not change at run time). */
export interface Visibility {
  /** Viewers with the same key see the same thing (their updates are built and serialised once). */
  readonly key: string;
  keyspace(cluster: string, name: string): boolean;
  namespace(cluster: string, name: string): boolean;
}

export const SEE_ALL: Visibility = { key: '*', keyspace: () => true, namespace: () => true };

export interface TileContext {
  now: number;
  staleAfterMs: number;
  thresholds: Record<MonitorMetric, Threshold>;
}

export function breachOf(metric: MonitorMetric, value: number, t: Threshold): Breach | null {
  if (t.red !== undefined && value >= t.red) return { metric, value, level: 'red', threshold: t.red };
  if (t.amber !== undefined && value >= t.amber) return { metric, value, level: 'amber', threshold: t.amber };
  return null;
}

function breaches(ctx: TileContext, values: Partial<Record<MonitorMetric, number>>): Breach[] {
  const out: Breach[] = [];
  for (const [metric, value] of Object.entries(values) as [MonitorMetric, number][]) {
    const b = breachOf(metric, value, ctx.thresholds[metric]);
    if (b) out.push(b);
  }
  return out;
}

function stateOf(error: SourceError | null, found: Breach[], polled: boolean): TileState {
  if (error) return 'red';
  if (!polled) return 'unknown';
  if (found.some((b) => b.level === 'red')) return 'red';
  return found.length ? 'amber' : 'green';
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function freshness(state: SourceState<unknown>, ctx: TileContext) {
  const staleSince = state.error
    ? (state.polledAt ?? state.failingSince)
    : state.polledAt !== null && ctx.now - state.polledAt > ctx.staleAfterMs
      ? state.polledAt
      : null;
  return { polledAt: iso(state.polledAt), staleSince: iso(staleSince), error: state.error };
}

export function topologyTile(
  cluster: string,
  state: SourceState<TopologyFacts>,
  vis: Visibility,
  ctx: TileContext,
): TopologyTile {
  const counts = { keyspaces: 0, shards: 0, shardsWithoutPrimary: 0, tablets: 0, tabletsNotServing: 0 };
  const cells = new Map<string, [number, number]>();
  let topologyErrors = state.data?.clusterErrors ?? 0;
  for (const [name, ks] of state.data?.keyspaces ?? []) {
    if (!vis.keyspace(cluster, name)) continue;
    counts.keyspaces++;
    counts.shards += ks.shards;
    counts.shardsWithoutPrimary += ks.shardsWithoutPrimary;
    counts.tablets += ks.tablets;
    counts.tabletsNotServing += ks.tabletsNotServing;
    topologyErrors += ks.errors;
    for (const [cell, [tablets, notServing]] of ks.cells) {
      const c = cells.get(cell) ?? [0, 0];
      c[0] += tablets;
      c[1] += notServing;
      cells.set(cell, c);
    }
  }
  const found = breaches(ctx, {
    shardsWithoutPrimary: counts.shardsWithoutPrimary,
    tabletsNotServing: counts.tabletsNotServing,
    topologyErrors,
  });
  return {
    state: stateOf(state.error, found, state.polledAt !== null),
    breaches: found,
    ...freshness(state, ctx),
    ...counts,
    topologyErrors,
    cells: [...cells]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cell, [tablets, notServing]]) => ({ cell, tablets, notServing })),
  };
}

export function kubernetesTile(
  cluster: string,
  state: SourceState<PodFacts>,
  restartsLastHour: number,
  vis: Visibility,
  ctx: TileContext,
): KubernetesTile {
  let namespaces = 0;
  let pods = 0;
  let podsNotReady = 0;
  const phases: Record<string, number> = {};
  for (const [name, ns] of state.data?.namespaces ?? []) {
    if (!vis.namespace(cluster, name)) continue;
    namespaces++;
    pods += ns.pods;
    podsNotReady += ns.notReady;
    for (const [phase, n] of ns.phases) phases[phase] = (phases[phase] ?? 0) + n;
  }
  const podsPending = phases.Pending ?? 0;
  const podsFailed = phases.Failed ?? 0;
  const found = breaches(ctx, {
    podsNotReady,
    podsPending,
    podsFailed,
    podRestartsLastHour: restartsLastHour,
  });
  return {
    state: stateOf(state.error, found, state.polledAt !== null),
    breaches: found,
    ...freshness(state, ctx),
    namespaces,
    pods,
    phases,
    podsNotReady,
    podsPending,
    podsFailed,
    podRestartsLastHour: restartsLastHour,
  };
}

/** Routers are not scoped by keyspace or namespace: every signed-in user sees the same tile. */
export function routersTile(state: SourceState<RouterFacts>, ctx: TileContext): RoutersTile {
  const t = {
    routers: 0,
    routersDown: 0,
    routes: 0,
    routesAlive: 0,
    routesDead: 0,
    activeConnections: 0,
    blockedHosts: 0,
    metadataRefreshFailing: 0,
  };
  let oldest: number | null = null;
  let pending = false;
  for (const r of state.data?.routers ?? []) {
    t.routers++;
    if (r.state === 'pending') pending = true;
    if (r.state === 'down') t.routersDown++;
    if (r.polledAt !== null) oldest = oldest === null ? r.polledAt : Math.min(oldest, r.polledAt);
    for (const route of r.routes) {
      t.routes++;
      if (route.alive === false) t.routesDead++;
      else if (route.alive === true) t.routesAlive++;
      t.activeConnections += route.activeConnections;
      t.blockedHosts += route.blockedHosts;
    }
    t.metadataRefreshFailing += r.metadata.filter((m) => m.failing).length;
  }
  const found = breaches(ctx, {
    routersDown: t.routersDown,
    routesDead: t.routesDead,
    blockedHosts: t.blockedHosts,
    metadataRefreshFailing: t.metadataRefreshFailing,
  });
  // Each Router is polled by its own poller: the tile is as old as its oldest Router.
  const polled = oldest !== null && !(pending && t.routersDown === 0 && t.routes === 0);
  return {
    state: stateOf(null, found, polled),
    breaches: found,
    ...freshness({ data: null, polledAt: oldest, error: null, failingSince: null }, ctx),
    ...t,
  };
}
