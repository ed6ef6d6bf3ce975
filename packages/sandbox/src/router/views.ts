// JSON bodies of the data endpoints, with the Router's key names and key order. `undefined` means
// the name in the URL is unknown (404). Timestamps are left out until their event happened.
import { isoMicros } from './clock';
import type { ConnectionState, RouterSimulation } from './simulation';

type Json = Record<string, unknown>;

export function routerStatus(sim: RouterSimulation): Json {
  const { spec } = sim;
  return {
    processId: spec.processId,
    productEdition: spec.productEdition,
    timeStarted: isoMicros(sim.timeStarted),
    version: spec.version,
    hostname: spec.hostname,
  };
}

export function routeList(sim: RouterSimulation): Json {
  // Bytewise order, as the Router sorts its [routing:<name>] keys.
  const names = [...sim.routes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { items: names.map((name) => ({ name })) };
}

export function routeConfig(sim: RouterSimulation, name: string): Json | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  const s = route.spec;
  const body: Json = {
    bindAddress: s.bindAddress,
    bindPort: s.bindPort,
    clientConnectTimeoutInMs: s.clientConnectTimeoutInMs,
    destinationConnectTimeoutInMs: s.destinationConnectTimeoutInMs,
    maxActiveConnections: s.maxActiveConnections,
    maxConnectErrors: s.maxConnectErrors,
    protocol: s.protocol,
  };
  if (s.socket) body.socket = s.socket;
  body.routingStrategy = s.routingStrategy;
  return body;
}

export function routeStatus(sim: RouterSimulation, name: string): Json | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  return {
    activeConnections: route.connections.length,
    totalConnections: route.totalConnections,
    blockedHosts: sim.blockedHosts(route).length,
  };
}

export function routeHealth(sim: RouterSimulation, name: string): { isAlive: boolean } | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  return { isAlive: sim.destinations(route).length > 0 };
}

export function routeDestinations(sim: RouterSimulation, name: string): Json | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  return { items: sim.destinations(route).map(({ address, port }) => ({ address, port })) };
}

export function routeConnections(sim: RouterSimulation, name: string): Json | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  return { items: route.connections.map(connectionJson) };
}

function connectionJson(c: ConnectionState): Json {
  const body: Json = {
    bytesFromServer: c.bytesFromServer,
    bytesToServer: c.bytesToServer,
    sourceAddress: c.sourceAddress,
    destinationAddress: c.destinationAddress,
    timeStarted: isoMicros(c.timeStarted),
  };
  if (c.timeConnectedToServer !== undefined) body.timeConnectedToServer = isoMicros(c.timeConnectedToServer);
  if (c.timeLastSentToServer !== undefined) body.timeLastSentToServer = isoMicros(c.timeLastSentToServer);
  if (c.timeLastReceivedFromServer !== undefined) {
    body.timeLastReceivedFromServer = isoMicros(c.timeLastReceivedFromServer);
  }
  return body;
}

export function routeBlockedHosts(sim: RouterSimulation, name: string): Json | undefined {
  const route = sim.routes.get(name);
  if (!route) return undefined;
  return { items: sim.blockedHosts(route) };
}

export function routingStatus(sim: RouterSimulation): Json {
  return {
    maxTotalConnections: sim.spec.maxTotalConnections,
    currentTotalConnections: sim.activeConnections(),
  };
}

export function metadataList(sim: RouterSimulation): Json {
  return { items: [{ name: sim.metadata?.spec.name ?? '' }] };
}

export function metadataConfig(sim: RouterSimulation, name: string): Json | undefined {
  const cache = sim.metadata;
  if (!cache || cache.spec.name !== name) return undefined;
  return {
    clusterName: cache.clusterName,
    timeRefreshInMs: cache.spec.ttlMs,
    groupReplicationId: cache.groupReplicationId,
    // Every instance the cluster metadata lists, reachable or not; routes filter by member state.
    nodes:
      cache.clusterName === ''
        ? []
        : cache.nodes.map((node) => ({ hostname: node.hostname, port: node.port })),
  };
}

export function metadataStatus(sim: RouterSimulation, name: string): Json | undefined {
  const cache = sim.metadata;
  if (!cache || cache.spec.name !== name) return undefined;
  const body: Json = { refreshFailed: cache.refreshFailed, refreshSucceeded: cache.refreshSucceeded };
  if (cache.timeLastRefreshSucceeded !== undefined) {
    body.timeLastRefreshSucceeded = isoMicros(cache.timeLastRefreshSucceeded);
    body.lastRefreshHostname = cache.lastRefreshHostname;
    body.lastRefreshPort = cache.lastRefreshPort;
  }
  if (cache.timeLastRefreshFailed !== undefined)
    body.timeLastRefreshFailed = isoMicros(cache.timeLastRefreshFailed);
  return body;
}

export function poolList(sim: RouterSimulation): Json {
  return { items: sim.spec.connectionPool ? [{ name: sim.spec.connectionPool.name }] : [] };
}

export function poolConfig(sim: RouterSimulation, name: string): Json | undefined {
  const pool = sim.spec.connectionPool;
  if (!pool || pool.name !== name) return undefined;
  return { maxIdleServerConnections: pool.maxIdleServerConnections, idleTimeoutInMs: pool.idleTimeoutInMs };
}

export function poolStatus(sim: RouterSimulation, name: string): Json | undefined {
  if (!sim.pool || sim.spec.connectionPool?.name !== name) return undefined;
  return {
    idleServerConnections: sim.pool.idleServerConnections,
    stashedServerConnections: sim.pool.stashedServerConnections,
  };
}
