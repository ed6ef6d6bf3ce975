import { type Static, Type } from 'typebox';
import { SourceError } from './common';

// MySQL Router dashboards. The BFF polls each configured Router's REST API (/api/20190715) and answers
// these DTOs; time stamps keep the Router's ISO strings (microseconds, UTC), series use epoch ms.

const NAME = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
const Count = Type.Integer({ minimum: 0 });
const Time = Type.String({ description: 'ISO 8601 UTC, as the Router sends it' });
const NullableBool = Type.Union([Type.Boolean(), Type.Null()]);
const NullableCount = Type.Union([Count, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const RouterParams = Type.Object({
  cluster: Type.String({ pattern: NAME, description: 'cluster name' }),
  router: Type.String({ pattern: NAME, description: 'router name from the config' }),
});
export type RouterParams = Static<typeof RouterParams>;

export const RouteParams = Type.Object({
  cluster: Type.String({ pattern: NAME, description: 'cluster name' }),
  router: Type.String({ pattern: NAME, description: 'router name from the config' }),
  route: Type.String({ minLength: 1, maxLength: 256, description: 'route name ([routing:<name>])' }),
});
export type RouteParams = Static<typeof RouteParams>;

export const RouterProcess = Type.Object({
  version: Type.String(),
  edition: Type.String(),
  hostname: Type.Optional(Type.String()),
  processId: Count,
  timeStarted: Time,
  uptimeSeconds: Count,
});
export type RouterProcess = Static<typeof RouterProcess>;

export const RouteSummary = Type.Object({
  name: Type.String(),
  /** null when /health could not be read. */
  alive: NullableBool,
  activeConnections: Count,
  totalConnections: Count,
  blockedHostCount: Count,
});
export type RouteSummary = Static<typeof RouteSummary>;

export const RouterState = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('pending')], {
  description: 'up: the last poll worked; down: it failed (see error); pending: not polled yet',
});
export type RouterState = Static<typeof RouterState>;

export const MetadataNode = Type.Object({ hostname: Type.String(), port: Count });
export type MetadataNode = Static<typeof MetadataNode>;

export const MetadataCache = Type.Object({
  name: Type.String(),
  clusterName: Type.String({ description: 'empty until the first successful refresh' }),
  groupReplicationId: Type.String(),
  timeRefreshInMs: Count,
  nodes: Type.Array(MetadataNode),
  refreshSucceeded: Count,
  refreshFailed: Count,
  timeLastRefreshSucceeded: Type.Optional(Time),
  timeLastRefreshFailed: Type.Optional(Time),
  lastRefreshHostname: Type.Optional(Type.String()),
  lastRefreshPort: Type.Optional(Count),
  /** The last refresh failed (the last failure is newer than the last success). */
  failing: Type.Boolean(),
});
export type MetadataCache = Static<typeof MetadataCache>;

export const RouterSummary = Type.Object({
  name: Type.String(),
  url: Type.String(),
  state: RouterState,
  error: Type.Optional(SourceError),
  polledAt: Type.Optional(Time),
  process: Type.Optional(RouterProcess),
  routes: Type.Array(RouteSummary),
  metadata: Type.Array(
    Type.Object({
      name: Type.String(),
      clusterName: Type.String(),
      refreshFailed: Count,
      failing: Type.Boolean(),
    }),
  ),
});
export type RouterSummary = Static<typeof RouterSummary>;

export const RouterList = Type.Object({
  items: Type.Array(RouterSummary),
  errors: Type.Array(SourceError),
});
export type RouterList = Static<typeof RouterList>;

export const RouteConfig = Type.Object({
  protocol: Type.String({ description: 'classic | x' }),
  bindAddress: Type.Optional(Type.String()),
  bindPort: Type.Optional(Count),
  socket: Type.Optional(Type.String()),
  routingStrategy: Type.Optional(Type.String()),
  mode: Type.Optional(Type.String()),
  destinationClusterName: Type.Optional(Type.String()),
  destinationReplicasetName: Type.Optional(Type.String()),
  clientConnectTimeoutInMs: Type.Optional(Count),
  destinationConnectTimeoutInMs: Type.Optional(Count),
  maxActiveConnections: Type.Optional(Count),
  maxConnectErrors: Type.Optional(Count),
});
export type RouteConfig = Static<typeof RouteConfig>;

export const Destination = Type.Object({ address: Type.String(), port: Count });
export type Destination = Static<typeof Destination>;

export const Route = Type.Object({
  name: Type.String(),
  config: Type.Union([RouteConfig, Type.Null()]),
  alive: NullableBool,
  activeConnections: Count,
  totalConnections: Count,
  blockedHostCount: Count,
  destinations: Type.Array(Destination),
});
export type Route = Static<typeof Route>;

export const ConnectionPool = Type.Object({
  name: Type.String(),
  maxIdleServerConnections: Type.Optional(Count),
  idleTimeoutInMs: Type.Optional(Count),
  idleServerConnections: Type.Optional(Count),
  stashedServerConnections: Type.Optional(Count),
  reusedServerConnections: Type.Optional(Count),
});
export type ConnectionPool = Static<typeof ConnectionPool>;

export const RoutingStatus = Type.Object({
  maxTotalConnections: Count,
  currentTotalConnections: Count,
});
export type RoutingStatus = Static<typeof RoutingStatus>;

export const RouterDetail = Type.Object({
  name: Type.String(),
  cluster: Type.String(),
  url: Type.String(),
  polledAt: Time,
  pollIntervalMs: Count,
  process: RouterProcess,
  /** Empty when the Router has no metadata cache (hand-configured, static destinations). */
  metadata: Type.Array(MetadataCache),
  routes: Type.Array(Route),
  /** null when /routing/status is not served (older Routers). */
  routing: Type.Union([RoutingStatus, Type.Null()]),
  /** Empty when [rest_connection_pool] is not enabled. */
  pools: Type.Array(ConnectionPool),
  /** Parts of the poll that failed while the rest loaded. */
  errors: Type.Array(SourceError),
});
export type RouterDetail = Static<typeof RouterDetail>;

export const RouteSeries = Type.Object({
  name: Type.String(),
  active: Type.Array(NullableCount, { description: 'active connections at each sample' }),
  alive: Type.Array(NullableBool, { description: 'health at each sample' }),
  newConnections: Type.Array(NullableNumber, {
    description: 'connections opened per second since the previous sample',
  }),
});
export type RouteSeries = Static<typeof RouteSeries>;

/** Columns sampled every `intervalMs`: `times[i]` belongs to every other array's `[i]`. */
export const RouterHistory = Type.Object({
  intervalMs: Count,
  capacity: Count,
  times: Type.Array(Type.Integer(), { description: 'epoch milliseconds' }),
  up: Type.Array(Type.Boolean()),
  routes: Type.Array(RouteSeries),
  refreshFailures: Type.Array(NullableCount, {
    description: 'metadata refreshes failed since the previous sample',
  }),
  refreshes: Type.Array(NullableCount, {
    description: 'metadata refreshes succeeded since the previous sample',
  }),
});
export type RouterHistory = Static<typeof RouterHistory>;

export const RouteDetail = Type.Object({
  router: Type.String(),
  polledAt: Time,
  route: Route,
  blockedHosts: Type.Array(Type.String()),
});
export type RouteDetail = Static<typeof RouteDetail>;

export const RouteConnection = Type.Object({
  sourceAddress: Type.String(),
  destinationAddress: Type.String(),
  bytesToServer: Count,
  bytesFromServer: Count,
  timeStarted: Type.Optional(Time),
  timeConnectedToServer: Type.Optional(Time),
  timeLastSentToServer: Type.Optional(Time),
  timeLastReceivedFromServer: Type.Optional(Time),
  /** Seconds since timeStarted at polledAt. */
  ageSeconds: Type.Optional(Type.Number({ minimum: 0 })),
});
export type RouteConnection = Static<typeof RouteConnection>;

export const RouteConnections = Type.Object({
  polledAt: Time,
  intervalMs: Count,
  items: Type.Array(RouteConnection),
  /** Bytes per second between polls, from connections seen open at a poll. */
  bytes: Type.Object({
    times: Type.Array(Type.Integer()),
    toServer: Type.Array(Type.Number()),
    fromServer: Type.Array(Type.Number()),
  }),
});
export type RouteConnections = Static<typeof RouteConnections>;

export const BlockedHosts = Type.Object(
  { items: Type.Array(Type.String()) },
  { examples: [{ items: ['10.0.3.17'] }] },
);
export type BlockedHosts = Static<typeof BlockedHosts>;

export const RouterHistoryQuery = Type.Object(
  {
    since: Type.Optional(Type.Integer({ minimum: 0, description: 'only samples after this epoch ms' })),
  },
  { additionalProperties: false },
);
export type RouterHistoryQuery = Static<typeof RouterHistoryQuery>;

/** The Router REST API's base path, also the tail of the BFF's raw pass-through. */
export const ROUTER_API_BASE = '/api/20190715';
