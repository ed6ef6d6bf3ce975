import { type Static, type TSchema, Type } from 'typebox';
import { SourceError } from './common';

// The monitoring wall: tiles per cluster (topology, Kubernetes, routers), an hour of samples for
// sparklines and a timeline of state changes. The BFF polls each upstream once for every viewer and
// streams this over Server-Sent Events (`snapshot`, then `update` per poll, `heartbeat` between).
// Keyspace- and namespace-scoped numbers are summed over what the viewer may see only.

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Time = Type.String({ format: 'date-time' });

export const TileState = Type.Union(
  [Type.Literal('green'), Type.Literal('amber'), Type.Literal('red'), Type.Literal('unknown')],
  { description: 'unknown: not polled yet' },
);
export type TileState = Static<typeof TileState>;

/** Every number a threshold can be set on (the config's `monitor.thresholds` keys). */
export const MONITOR_METRICS = [
  'shardsWithoutPrimary',
  'tabletsNotServing',
  'topologyErrors',
  'podsNotReady',
  'podsPending',
  'podsFailed',
  'podRestartsLastHour',
  'routersDown',
  'routesDead',
  'blockedHosts',
  'metadataRefreshFailing',
] as const;
export type MonitorMetric = (typeof MONITOR_METRICS)[number];

/** A number past its threshold: why a tile is amber or red. */
export const Breach = Type.Object({
  metric: Type.Unsafe<MonitorMetric>(Type.Union(MONITOR_METRICS.map((m) => Type.Literal(m)))),
  value: Type.Number(),
  level: Type.Union([Type.Literal('amber'), Type.Literal('red')]),
  threshold: Type.Number(),
});
export type Breach = Static<typeof Breach>;

const TileBase = {
  state: TileState,
  breaches: Type.Array(Breach),
  polledAt: Nullable(Time),
  staleSince: Nullable(
    Type.String({
      format: 'date-time',
      description: 'set when the data is older than staleAfterMs or the source failed: the last good poll',
    }),
  ),
  error: Nullable(SourceError),
};

export const CellCount = Type.Object({ cell: Type.String(), tablets: Count, notServing: Count });
export type CellCount = Static<typeof CellCount>;

export const TopologyTile = Type.Object({
  ...TileBase,
  keyspaces: Count,
  shards: Count,
  shardsWithoutPrimary: Count,
  tablets: Count,
  tabletsNotServing: Count,
  /** Parts of the tree vtctld failed to answer (of visible keyspaces). */
  topologyErrors: Count,
  cells: Type.Array(CellCount),
});
export type TopologyTile = Static<typeof TopologyTile>;

export const KubernetesTile = Type.Object({
  ...TileBase,
  namespaces: Count,
  pods: Count,
  phases: Type.Record(Type.String(), Count, { description: 'pods by phase: Running, Pending, ...' }),
  podsNotReady: Count,
  podsPending: Count,
  podsFailed: Count,
  podRestartsLastHour: Count,
});
export type KubernetesTile = Static<typeof KubernetesTile>;

export const RoutersTile = Type.Object({
  ...TileBase,
  routers: Count,
  routersDown: Count,
  routes: Count,
  routesAlive: Count,
  routesDead: Count,
  activeConnections: Count,
  blockedHosts: Count,
  metadataRefreshFailing: Count,
});
export type RoutersTile = Static<typeof RoutersTile>;

export const ClusterMonitor = Type.Object({
  cluster: Type.String(),
  title: Type.String(),
  topology: TopologyTile,
  /** null: no Kubernetes API configured for this cluster. */
  kubernetes: Nullable(KubernetesTile),
  /** null: no MySQL Routers configured for this cluster. */
  routers: Nullable(RoutersTile),
});
export type ClusterMonitor = Static<typeof ClusterMonitor>;

export const MONITOR_SERIES = [
  'tabletsNotServing',
  'shardsWithoutPrimary',
  'podsNotReady',
  'podRestarts',
  'activeConnections',
  'routesDead',
] as const;
export type MonitorSeriesName = (typeof MONITOR_SERIES)[number];

const SeriesValues = Type.Array(Nullable(Type.Number()), {
  description: 'one value per time; null: the source failed or is not configured',
});

/** Samples of one cluster, oldest first; `podRestarts` counts restarts seen since the previous sample. */
export const MonitorSamples = Type.Object({
  cluster: Type.String(),
  times: Type.Array(Type.Number({ description: 'epoch milliseconds' })),
  series: Type.Object(
    Object.fromEntries(MONITOR_SERIES.map((s) => [s, SeriesValues])) as Record<
      MonitorSeriesName,
      typeof SeriesValues
    >,
  ),
});
export type MonitorSamples = Static<typeof MonitorSamples>;

export const TimelineLevel = Type.Union([
  Type.Literal('critical'),
  Type.Literal('warning'),
  Type.Literal('ok'),
  Type.Literal('info'),
]);
export type TimelineLevel = Static<typeof TimelineLevel>;

export const TIMELINE_KINDS = [
  'source.down',
  'source.recovered',
  'keyspace.added',
  'keyspace.removed',
  'shard.lostPrimary',
  'shard.gotPrimary',
  'shard.primaryChanged',
  'tablet.stoppedServing',
  'tablet.startedServing',
  'tablet.added',
  'tablet.removed',
  'pod.notReady',
  'pod.ready',
  'pod.phase',
  'pod.restarted',
  'pod.added',
  'pod.removed',
  'router.down',
  'router.up',
  'route.dead',
  'route.alive',
  'route.lostDestination',
  'route.gainedDestination',
  'metadata.refreshFailing',
  'metadata.refreshRecovered',
  'changes.suppressed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One state change, e.g. "tablet zone1-0000000101 stopped serving". */
export const TimelineEntry = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: 'the poll that saw it (the SSE event id carries the same number)' }),
  at: Time,
  cluster: Type.String(),
  source: Type.Union([Type.Literal('topology'), Type.Literal('kubernetes'), Type.Literal('routers')]),
  level: TimelineLevel,
  kind: Type.Unsafe<TimelineKind>(Type.Union(TIMELINE_KINDS.map((k) => Type.Literal(k)))),
  /** What the sentence is about: tablet, shard, pod, router, route names... (for translations). */
  params: Type.Record(Type.String(), Type.String()),
  text: Type.String({ description: 'the sentence in English' }),
  keyspace: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const MonitorTiming = Type.Object({
  intervalMs: Count,
  staleAfterMs: Count,
  heartbeatMs: Count,
  historyMs: Count,
});
export type MonitorTiming = Static<typeof MonitorTiming>;

/**
 * `GET /api/v2/monitor`, `GET /api/v2/clusters/{cluster}/monitor`, and the `snapshot` event of the
 * streams: everything a wall screen shows. `epoch` changes when the BFF restarts.
 */
export const MonitorSnapshot = Type.Object(
  {
    epoch: Type.String(),
    seq: Type.Integer(),
    generatedAt: Time,
    timing: MonitorTiming,
    clusters: Type.Array(ClusterMonitor),
    history: Type.Array(MonitorSamples),
    timeline: Type.Array(TimelineEntry),
  },
  {
    description:
      'the wall: tiles per cluster summed over what the caller may see, an hour of samples, the timeline',
  },
);
export type MonitorSnapshot = Static<typeof MonitorSnapshot>;

/**
 * The `update` event: tiles of the clusters that were polled, samples and timeline entries newer than
 * the previous event (after a resume with Last-Event-ID, everything the viewer missed).
 */
export const MonitorUpdate = Type.Object({
  epoch: Type.String(),
  seq: Type.Integer(),
  generatedAt: Time,
  clusters: Type.Array(ClusterMonitor),
  samples: Type.Array(MonitorSamples),
  timeline: Type.Array(TimelineEntry),
});
export type MonitorUpdate = Static<typeof MonitorUpdate>;

/** The `heartbeat` event: the server's clock, so a screen with a wrong clock still judges staleness. */
export const MonitorHeartbeat = Type.Object({ at: Time });
export type MonitorHeartbeat = Static<typeof MonitorHeartbeat>;

export const MonitorStreamQuery = Type.Object({
  lastEventId: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9]{1,32}-[0-9]{1,15}$',
      description: 'resume after this event (for clients that cannot send the Last-Event-ID header)',
    }),
  ),
});
export type MonitorStreamQuery = Static<typeof MonitorStreamQuery>;
