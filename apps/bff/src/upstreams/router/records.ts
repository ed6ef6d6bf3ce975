// Raw JSON of the MySQL Router REST API (/api/20190715) as the Router really answers (see
// /work/shared/reference/mysql-router-api.md §3): only `mapping.ts` reads these.

export interface RawRouterStatus {
  processId: number;
  productEdition: string;
  timeStarted: string;
  version: string;
  hostname?: string;
}

export interface RawNamedList {
  items: { name: string }[];
}

export interface RawRouteConfig {
  bindAddress?: string;
  bindPort?: number;
  clientConnectTimeoutInMs?: number;
  destinationConnectTimeoutInMs?: number;
  maxActiveConnections?: number;
  maxConnectErrors?: number;
  protocol?: string;
  socket?: string;
  routingStrategy?: string;
  mode?: string;
  destinationClusterName?: string;
  destinationReplicasetName?: string;
}

export interface RawRouteStatus {
  activeConnections: number;
  totalConnections: number;
  blockedHosts: number;
}

export interface RawDestinations {
  items: { address: string; port: number }[];
}

export interface RawConnection {
  bytesFromServer: number;
  bytesToServer: number;
  sourceAddress: string;
  destinationAddress: string;
  timeStarted?: string;
  timeConnectedToServer?: string;
  timeLastSentToServer?: string;
  timeLastReceivedFromServer?: string;
}

export interface RawConnections {
  items: RawConnection[];
}

/** Plain IP strings, although swagger.json claims `{name}` objects. */
export interface RawBlockedHosts {
  items: (string | { name?: string })[];
}

export interface RawRoutingStatus {
  maxTotalConnections: number;
  currentTotalConnections: number;
}

export interface RawMetadataConfig {
  clusterName: string;
  timeRefreshInMs: number;
  groupReplicationId: string;
  nodes: { hostname: string; port: number }[];
}

export interface RawMetadataStatus {
  refreshFailed: number;
  refreshSucceeded: number;
  timeLastRefreshSucceeded?: string;
  timeLastRefreshFailed?: string;
  lastRefreshHostname?: string;
  lastRefreshPort?: number;
}

export interface RawPoolConfig {
  maxIdleServerConnections?: number;
  idleTimeoutInMs?: number;
}

export interface RawPoolStatus {
  idleServerConnections?: number;
  stashedServerConnections?: number;
  reusedServerConnections?: number;
}
